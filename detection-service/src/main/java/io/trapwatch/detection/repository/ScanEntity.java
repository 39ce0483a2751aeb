package io.trapwatch.detection.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A scan's request, progress and result; kept in the database so any instance can report it and it outlives a
 * restart.
 */
@Entity
@Table(name = "scan")
public class ScanEntity extends PanacheEntityBase {

    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    @Id
    public UUID id;

    @Column(nullable = false)
    public String status;

    @Column(name = "market_type", nullable = false)
    public MarketType marketType;

    @Column(name = "kline_interval", nullable = false)
    public Interval interval;

    @Column(name = "dry_run", nullable = false)
    public boolean dryRun;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> request;

    @Column(name = "series_total", nullable = false)
    public int seriesTotal;

    @Column(name = "series_done", nullable = false)
    public int seriesDone;

    @Column(name = "bars_processed", nullable = false)
    public long barsProcessed;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> result;

    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /**
     * One more series done. Plain SQL: it runs once per series of every scan, and Hibernate translates an HQL
     * update anew on each execution.
     */
    public static void seriesDone(UUID id, long bars) {
        getEntityManager().createNativeQuery("UPDATE detection.scan SET series_done = series_done + 1, "
                + "bars_processed = bars_processed + ?1 WHERE id = ?2").setParameter(1, bars).setParameter(2, id)
                .executeUpdate();
    }
}
