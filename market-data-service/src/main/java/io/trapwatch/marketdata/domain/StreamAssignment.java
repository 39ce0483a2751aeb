package io.trapwatch.marketdata.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which streams each connection of a market should carry: streams stay on the connection that has them, streams
 * no longer wanted are unsubscribed, new ones fill the connections with room first and then new connections,
 * never more than {@code maxPerConnection} (Binance: 1024) on one.
 */
public final class StreamAssignment {

    /** One connection's change; {@code index} ≥ the number of current connections means a new connection. */
    public record Change(int index, Set<String> subscribe, Set<String> unsubscribe) {
    }

    private StreamAssignment() {
    }

    public static List<Change> plan(List<Set<String>> current, Set<String> wanted, int maxPerConnection) {
        Set<String> unplaced = new TreeSet<>(wanted);
        List<Change> changes = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
            Set<String> unsubscribe = new TreeSet<>(current.get(i));
            unsubscribe.removeAll(wanted);
            unplaced.removeAll(current.get(i));
            changes.add(new Change(i, new LinkedHashSet<>(), unsubscribe));
            sizes.add(current.get(i).size() - unsubscribe.size());
        }
        for (String stream : unplaced) {
            int target = -1;
            for (int i = 0; i < sizes.size() && target < 0; i++) {
                if (sizes.get(i) < maxPerConnection) {
                    target = i;
                }
            }
            if (target < 0) {
                target = sizes.size();
                sizes.add(0);
                changes.add(new Change(target, new LinkedHashSet<>(), Set.of()));
            }
            changes.get(target).subscribe().add(stream);
            sizes.set(target, sizes.get(target) + 1);
        }
        return changes.stream().filter(c -> !c.subscribe().isEmpty() || !c.unsubscribe().isEmpty()).toList();
    }
}
