package io.trapwatch.monitorapi.domain;

import io.trapwatch.model.MonitorStateChanged;

import java.util.Collection;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Each event carries the whole monitor, so of several events for one monitor only the highest version matters.
 * Keys come back sorted so concurrent projections would lock rows in the same order.
 */
public final class NewestEvents {

    private NewestEvents() {
    }

    public static SortedMap<String, MonitorStateChanged> byMonitor(Collection<MonitorStateChanged> events) {
        SortedMap<String, MonitorStateChanged> newest = new TreeMap<>();
        for (MonitorStateChanged e : events) {
            newest.merge(e.monitorKey(), e, (a, b) -> b.version() > a.version() ? b : a);
        }
        return newest;
    }
}
