package io.trapwatch.monitorapi.domain;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Validated list filters. {@code statuses} empty means every status. {@code triggeredFrom} is inclusive and
 * {@code triggeredBefore} exclusive, both UTC instants derived from the inclusive start/end dates.
 */
public record MonitorFilter(Optional<MarketType> marketType, Set<MonitorStatus> statuses,
                            Optional<Interval> interval, Optional<String> symbol,
                            Optional<Instant> triggeredFrom, Optional<Instant> triggeredBefore) {

    public MonitorFilter {
        statuses = Set.copyOf(statuses);
    }

    public static MonitorFilter none() {
        return new MonitorFilter(Optional.empty(), Set.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** The same filter over every status (for the count per status). */
    public MonitorFilter anyStatus() {
        return new MonitorFilter(marketType, Set.of(), interval, symbol, triggeredFrom, triggeredBefore);
    }

    /**
     * True when the count can come from the count grid by trigger day instead of counting rows: no symbol, and the
     * date bounds (the API's are whole UTC days) fall on UTC midnights.
     */
    public boolean countableFromDayGrid() {
        return symbol.isEmpty() && triggeredFrom.map(MonitorFilter::midnight).orElse(true)
                && triggeredBefore.map(MonitorFilter::midnight).orElse(true);
    }

    private static boolean midnight(Instant t) {
        return t.getEpochSecond() % 86_400 == 0 && t.getNano() == 0;
    }

    /** True when the count can come from the maintained count grid instead of counting rows. */
    public boolean countableFromGrid() {
        return symbol.isEmpty() && triggeredFrom.isEmpty() && triggeredBefore.isEmpty();
    }
}
