package io.trapwatch.monitorapi.service;

import io.trapwatch.model.outcome.MonitorOutcome;
import io.trapwatch.model.outcome.MonitorOutcomesChanged;
import io.trapwatch.monitorapi.domain.NewestEvents;
import io.trapwatch.monitorapi.repository.OutcomeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Projects MonitorOutcomesChanged events, a batch per transaction. Per monitor only the newest version of the
 * batch is written, and only if it is newer than the stored one (checked by the upsert itself), so redeliveries
 * and reordering change nothing.
 */
@ApplicationScoped
public class OutcomeProjector {

    private final OutcomeRepository repository;
    private final ReadModelVersion version;

    public OutcomeProjector(OutcomeRepository repository, ReadModelVersion version) {
        this.repository = repository;
        this.version = version;
    }

    /** Returns how many outcomes were new or newer. */
    @Transactional
    public int apply(List<MonitorOutcomesChanged> events) throws SQLException {
        List<MonitorOutcome> outcomes = events.stream().flatMap(e -> e.outcomes().stream()).toList();
        int applied = repository.upsert(NewestEvents.byKey(outcomes, MonitorOutcome::monitorKey,
                Comparator.comparingInt(MonitorOutcome::version)).values(), Instant.now());
        if (applied > 0) {
            version.raiseInTransaction(); // outcomes are part of list and detail answers
        }
        return applied;
    }
}
