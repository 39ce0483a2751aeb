package io.trapwatch.detection.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.trapwatch.model.MonitorStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One step of a monitor's life (the transition log), with the bar that caused it. Its indicator snapshot,
 * every detector value of the deciding evaluation, lives in {@code indicator_snapshot}. Read here; written only by
 * {@link MonitorRows}, with its snapshot.
 */
@Entity
@Table(name = "monitor_transition")
@SecondaryTable(name = "indicator_snapshot", pkJoinColumns = @PrimaryKeyJoinColumn(name = "transition_id"))
public class MonitorTransitionEntity extends PanacheEntityBase {

    @Id
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "monitor_id")
    public MonitorEntity monitor;

    /** 1 = creation; equals the monitor's version after this transition. */
    @Column(nullable = false)
    public int sequence;

    @Column(name = "from_status")
    public MonitorStatus fromStatus;

    @Column(name = "to_status", nullable = false)
    public MonitorStatus toStatus;

    @Column(name = "bar_time", nullable = false)
    public Instant barTime;

    @Column(name = "bar_close", nullable = false, precision = 38, scale = 18)
    public BigDecimal barClose;

    @Column(nullable = false)
    public String reason;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(table = "indicator_snapshot", name = "indicators", nullable = false)
    public Map<String, Object> indicators;
}
