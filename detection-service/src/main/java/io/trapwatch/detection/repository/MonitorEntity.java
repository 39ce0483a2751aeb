package io.trapwatch.detection.repository;

import io.trapwatch.detection.domain.MonitorState;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.model.SeriesKey;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A watched anomaly: one series, one trigger bar. Trigger values are the bar's exact exchange values. Read here;
 * written only by {@link MonitorRows} (ids from the column default, so nothing here may hand out ids of its own).
 */
@Entity
@Table(name = "monitor")
public class MonitorEntity extends PerSeriesEntity {

    /** Statuses the engine still evaluates (and so must be restored after a restart). */
    public static final List<MonitorStatus> OPEN = List.of(MonitorStatus.PENDING,
            MonitorStatus.SUSPECTED_ABANDONMENT, MonitorStatus.CONFIRMED_ABANDONMENT);

    @Id
    public Long id;

    @Column(name = "monitor_key", nullable = false, unique = true)
    public String monitorKey;

    @Column(name = "trigger_time", nullable = false)
    public Instant triggerTime;

    @Column(name = "trigger_price", nullable = false, precision = 38, scale = 18)
    public BigDecimal triggerPrice;

    @Column(name = "trigger_high", nullable = false, precision = 38, scale = 18)
    public BigDecimal triggerHigh;

    @Column(name = "trigger_low", nullable = false, precision = 38, scale = 18)
    public BigDecimal triggerLow;

    @Column(name = "trigger_volume", nullable = false, precision = 38, scale = 18)
    public BigDecimal triggerVolume;

    @Column(nullable = false)
    public MonitorStatus status;

    @Column(name = "phase_1_passed", nullable = false)
    public boolean phase1Passed;

    @Column(name = "phase_2_passed", nullable = false)
    public boolean phase2Passed;

    @Column(name = "phase_3_passed", nullable = false)
    public boolean phase3Passed;

    @Column(name = "confirm_time")
    public Instant confirmTime;

    @Column(name = "last_bar_time", nullable = false)
    public Instant lastBarTime;

    @Column(name = "last_close", nullable = false, precision = 38, scale = 18)
    public BigDecimal lastClose;

    @Column(nullable = false)
    public int version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @OneToMany(mappedBy = "monitor")
    @OrderBy("sequence")
    public List<MonitorTransitionEntity> transitions = new ArrayList<>();

    /** The engine's view of this monitor, for rebuilding an engine after a restart. */
    public MonitorState toState() {
        return new MonitorState(triggerTime.toEpochMilli(), triggerPrice.doubleValue(), triggerHigh.doubleValue(),
                triggerLow.doubleValue(), triggerVolume.doubleValue(), status,
                confirmTime == null ? -1 : confirmTime.toEpochMilli(), phase1Passed, phase2Passed, phase3Passed);
    }

    public static Optional<MonitorEntity> findByKey(String monitorKey) {
        return find("monitorKey", monitorKey).firstResultOptional();
    }

    public static List<MonitorEntity> openOf(SeriesKey series) {
        return list(OF_SERIES + " and status in ?4",
                Sort.by("triggerTime"), series.marketType(), series.symbol(), series.interval(), OPEN);
    }

    /** Monitors of one market, optionally narrowed to a symbol and an interval, oldest trigger first. */
    public static List<MonitorEntity> search(MarketType marketType, String symbol, Interval interval) {
        StringBuilder query = new StringBuilder("marketType = :market");
        io.quarkus.panache.common.Parameters params = io.quarkus.panache.common.Parameters.with("market", marketType);
        if (symbol != null) {
            query.append(" and symbol = :symbol");
            params = params.and("symbol", symbol);
        }
        if (interval != null) {
            query.append(" and interval = :interval");
            params = params.and("interval", interval);
        }
        return list(query.toString(), Sort.by("symbol").and("interval").and("triggerTime"), params);
    }
}
