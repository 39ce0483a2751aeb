package io.trapwatch.monitorapi.service;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.monitorapi.repository.MonitorReadRepository;
import io.trapwatch.monitorapi.repository.StatusCount;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Counts by status × market type × interval and recent openings per market type. */
@ApplicationScoped
public class StatisticsService {

    private final MonitorReadRepository monitors;

    public StatisticsService(MonitorReadRepository monitors) {
        this.monitors = monitors;
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
