package io.trapwatch.monitorapi.domain;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;

import java.time.Instant;
import java.util.Optional;

/**
 * Validated list filters. {@code triggeredFrom} is inclusive and {@code triggeredBefore} exclusive, both UTC
 * instants derived from the inclusive start/end dates.
 */
public record MonitorFilter(Optional<MarketType> marketType, Optional<MonitorStatus> status,
                            Optional<Interval> interval, Optional<String> symbol,
                            Optional<Instant> triggeredFrom, Optional<Instant> triggeredBefore) {

    public static MonitorFilter none() {
        return new MonitorFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** True when the count can come from the maintained count grid instead of counting rows. */
    public boolean countableFromGrid() {
        return symbol.isEmpty() && triggeredFrom.isEmpty() && triggeredBefore.isEmpty();
    }
}
