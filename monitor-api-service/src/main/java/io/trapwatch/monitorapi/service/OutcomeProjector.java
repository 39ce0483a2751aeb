package io.trapwatch.monitorapi.service;

import io.trapwatch.model.outcome.MonitorOutcome;
import io.trapwatch.model.outcome.MonitorOutcomesChanged;
import io.trapwatch.monitorapi.repository.OutcomeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Projects MonitorOutcomesChanged events, a batch per transaction. Per monitor only the newest version of the
 * batch is written, and only if it is newer than the stored one (checked by the upsert itself), so redeliveries
 * and reordering change nothing.
 */
@ApplicationScoped
public class OutcomeProjector {

    private final OutcomeRepository repository;

    public OutcomeProjector(OutcomeRepository repository) {
        this.repository = repository;
    }

    /** Returns how many outcomes were new or newer. */
    @Transactional
    public int apply(List<MonitorOutcomesChanged> events) throws SQLException {
        // Sorted by key so concurrent batches lock rows in the same order.
        Map<String, MonitorOutcome> newest = new TreeMap<>();
        events.stream().flatMap(e -> e.outcomes().stream())
                .forEach(o -> newest.merge(o.monitorKey(), o, (a, b) -> a.version() >= b.version() ? a : b));
        return repository.upsert(newest.values().stream().sorted(Comparator.comparing(MonitorOutcome::monitorKey)).toList(),
                Instant.now());
    }
}
