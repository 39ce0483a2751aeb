package io.trapwatch.detection.service;

import io.trapwatch.detection.domain.SweepGrid;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;

import java.time.Instant;
import java.util.List;

/**
 * A validated sweep request. {@code symbols} null = every series market-data-service has; {@code start} only
 * selects the monitors reported (each series is replayed from its first bar, D17.7), {@code end} is the last bar
 * read. At most one of {@code trainUntil} / {@code trainFraction} splits each series in time.
 */
public record SweepSpec(List<MarketType> marketTypes, List<Interval> intervals, Instant start, Instant end,
                        List<String> symbols, int observationBars, SweepGrid grid, String rankBy,
                        Instant trainUntil, Double trainFraction) {

    public boolean split() {
        return trainUntil != null || trainFraction != null;
    }
}
