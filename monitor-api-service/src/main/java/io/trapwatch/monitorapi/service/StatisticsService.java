package io.trapwatch.monitorapi.service;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.monitorapi.repository.DailyOpenings;
import io.trapwatch.monitorapi.repository.MonitorReadRepository;
import io.trapwatch.monitorapi.repository.PhaseReach;
import io.trapwatch.monitorapi.repository.StatisticsRepository;
import io.trapwatch.monitorapi.repository.StatusCount;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Counts by status × market type × interval, openings (recent, per day) and how far monitors got. */
@ApplicationScoped
public class StatisticsService {

    private final MonitorReadRepository monitors;
    private final StatisticsRepository aggregates;

    public StatisticsService(MonitorReadRepository monitors, StatisticsRepository aggregates) {
        this.monitors = monitors;
        this.aggregates = aggregates;
    }

    public List<DailyOpenings> openedPerDay(Optional<MarketType> market, Optional<Interval> interval) throws SQLException {
        return aggregates.openedPerDay(market.map(MarketType::wire), interval.map(Interval::wire));
    }

    public List<PhaseReach> phaseReach(Optional<MarketType> market, Optional<Interval> interval) throws SQLException {
        return aggregates.phaseReach(market.map(MarketType::wire), interval.map(Interval::wire));
    }

    public List<StatusCount> byStatus(Optional<MarketType> market, Optional<Interval> interval) throws SQLException {
        return monitors.countsByStatus(market.map(MarketType::wire), interval.map(Interval::wire));
    }

    /** Every requested market type appears, with 0 when nothing was opened. */
    public Map<String, Long> openedSince(Instant now, Duration window, Optional<MarketType> market,
                                         Optional<Interval> interval) throws SQLException {
        Map<String, Long> found = monitors.triggeredSince(now.minus(window), market.map(MarketType::wire),
                interval.map(Interval::wire));
        Map<String, Long> out = new LinkedHashMap<>();
        for (MarketType type : MarketType.values()) {
            if (market.isEmpty() || market.get() == type) {
                out.put(type.wire(), found.getOrDefault(type.wire(), 0L));
            }
        }
        return out;
    }
}
