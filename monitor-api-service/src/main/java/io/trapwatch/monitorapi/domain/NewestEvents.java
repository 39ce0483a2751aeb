package io.trapwatch.monitorapi.domain;

import io.trapwatch.model.MonitorStateChanged;

import java.util.Collection;
import java.util.Comparator;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Each event carries the whole state of its key (a monitor, its outcome, a series' price), so of several events for
 * one key only the newest matters. Keys come back sorted so concurrent projections lock rows in the same order.
 */
public final class NewestEvents {

    private NewestEvents() {
    }

    public static SortedMap<String, MonitorStateChanged> byMonitor(Collection<MonitorStateChanged> events) {
        return byKey(events, MonitorStateChanged::monitorKey, Comparator.comparingInt(MonitorStateChanged::version));
    }

    /** The newest event per key by {@code age}; of equally new ones, the first. */
    public static <E> SortedMap<String, E> byKey(Collection<E> events, Function<E, String> key, Comparator<E> age) {
        SortedMap<String, E> newest = new TreeMap<>();
        BinaryOperator<E> newer = BinaryOperator.maxBy(age);
        for (E e : events) {
            newest.merge(key.apply(e), e, newer);
        }
        return newest;
    }
}
