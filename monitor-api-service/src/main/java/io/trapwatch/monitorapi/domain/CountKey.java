package io.trapwatch.monitorapi.domain;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;

import java.util.Comparator;

/** One cell of the monitor count grid (market type × interval × status). */
public record CountKey(MarketType marketType, Interval interval, MonitorStatus status) implements Comparable<CountKey> {

    private static final Comparator<CountKey> ORDER = Comparator.comparing(CountKey::marketType)
            .thenComparing(CountKey::interval).thenComparing(CountKey::status);

    @Override
    public int compareTo(CountKey other) {
        return ORDER.compare(this, other);
    }
}
