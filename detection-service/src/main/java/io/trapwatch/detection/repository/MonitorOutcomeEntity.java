package io.trapwatch.detection.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.trapwatch.detection.domain.OutcomeState;
import io.trapwatch.model.outcome.OutcomeStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The stored outcome of one monitor: the tracker's raw state (see V2__monitor_outcome.sql). */
@Entity
@Table(name = "monitor_outcome")
public class MonitorOutcomeEntity extends PanacheEntityBase {

    @Id
    @Column(name = "monitor_key")
    public String monitorKey;

    @Column(name = "series_id", nullable = false)
    public long seriesId;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public OutcomeStatus status;

    @Column(name = "observation_bars", nullable = false)
    public int observationBars;

    @Column(name = "trigger_time", nullable = false)
    public Instant triggerTime;

    @Column(name = "trigger_close", nullable = false, precision = 38, scale = 18)
    public BigDecimal triggerClose;

    @Column(nullable = false)
    public int observed;

    @Column(name = "entry_time")
    public Instant entryTime;
    @Column(name = "entry_price", precision = 38, scale = 18)
    public BigDecimal entryPrice;
    @Column(name = "lowest_index")
    public Integer lowestIndex;
    @Column(name = "lowest_time")
    public Instant lowestTime;
    @Column(name = "lowest_price", precision = 38, scale = 18)
    public BigDecimal lowestPrice;
    @Column(name = "rebound_high", precision = 38, scale = 18)
    public BigDecimal reboundHigh;
    @Column(name = "max_high", precision = 38, scale = 18)
    public BigDecimal maxHigh;
    @Column(name = "stop_index")
    public Integer stopIndex;
    @Column(name = "stop_time")
    public Instant stopTime;
    @Column(name = "stop_price", precision = 38, scale = 18)
    public BigDecimal stopPrice;
    @Column(name = "last_time", nullable = false)
    public Instant lastTime;
    @Column(name = "last_close", precision = 38, scale = 18)
    public BigDecimal lastClose;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The unfinished (not completed) outcomes of the given series, by series id. */
    public static Map<Long, List<MonitorOutcomeEntity>> unfinishedOf(Collection<Long> seriesIds) {
        if (seriesIds.isEmpty()) {
            return Map.of();
        }
        List<MonitorOutcomeEntity> rows = list("seriesId in ?1 and status <> ?2 order by triggerTime", seriesIds,
                OutcomeStatus.COMPLETED);
        return rows.stream().collect(Collectors.groupingBy(r -> r.seriesId));
    }

    public OutcomeState toState() {
        return new OutcomeState(triggerTime.toEpochMilli(), triggerClose.doubleValue(), observationBars, observed,
                millis(entryTime), number(entryPrice), index(lowestIndex), millis(lowestTime), number(lowestPrice),
                number(reboundHigh), number(maxHigh), index(stopIndex), millis(stopTime), number(stopPrice),
                lastTime.toEpochMilli(), number(lastClose));
    }

    /** Takes a new state; counts a change. */
    public void apply(OutcomeState s, Instant now) {
        status = s.status();
        observationBars = s.observationBars();
        observed = s.observed();
        boolean entered = s.observed() != OutcomeState.NONE;
        entryTime = entered ? Instant.ofEpochMilli(s.entryTime()) : null;
        entryPrice = decimal(s.entryPrice());
        lowestIndex = s.lowestIndex() == OutcomeState.NONE ? null : s.lowestIndex();
        lowestTime = lowestIndex == null ? null : Instant.ofEpochMilli(s.lowestTime());
        lowestPrice = decimal(s.lowestPrice());
        reboundHigh = decimal(s.reboundHigh());
        maxHigh = decimal(s.maxHigh());
        stopIndex = s.stopIndex() == OutcomeState.NONE ? null : s.stopIndex();
        stopTime = stopIndex == null ? null : Instant.ofEpochMilli(s.stopTime());
        stopPrice = decimal(s.stopPrice());
        lastTime = Instant.ofEpochMilli(s.lastTime());
        lastClose = decimal(s.lastClose());
        version++;
        updatedAt = now;
    }

    private static long millis(Instant time) {
        return time == null ? 0 : time.toEpochMilli();
    }

    private static int index(Integer value) {
        return value == null ? OutcomeState.NONE : value;
    }

    private static double number(BigDecimal value) {
        return value == null ? Double.NaN : value.doubleValue();
    }

    /** Exact: the shortest decimal of a bar value's double is the exchange's decimal it was parsed from. */
    private static BigDecimal decimal(double value) {
        return Double.isNaN(value) ? null : BigDecimal.valueOf(value);
    }
}
