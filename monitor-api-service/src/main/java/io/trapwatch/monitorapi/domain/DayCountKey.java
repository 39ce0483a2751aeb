package io.trapwatch.monitorapi.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;

/** One cell of the count grid by day: a {@link CountKey} on one UTC day of the trigger time. */
public record DayCountKey(CountKey cell, LocalDate day) implements Comparable<DayCountKey> {

    private static final Comparator<DayCountKey> ORDER = Comparator.comparing(DayCountKey::cell).thenComparing(DayCountKey::day);

    public static DayCountKey of(CountKey cell, Instant triggerTime) {
        return new DayCountKey(cell, LocalDate.ofInstant(triggerTime, ZoneOffset.UTC));
    }

    @Override
    public int compareTo(DayCountKey other) {
        return ORDER.compare(this, other);
    }
}
