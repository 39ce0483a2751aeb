package io.trapwatch.detection.service;

import io.trapwatch.detection.domain.ClosedBar;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.detection.config.DetectionConfig;
import io.trapwatch.detection.domain.Bar;
import io.trapwatch.detection.domain.OutcomeTracker;
import io.trapwatch.detection.repository.MonitorOutcomeRepository;
import io.trapwatch.detection.repository.MonitorOutcomeRow;
import io.trapwatch.detection.repository.OutboxEntity;
import io.trapwatch.detection.repository.SeriesStateEntity;
import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.model.SeriesKey;
import io.trapwatch.model.Topics;
import io.trapwatch.model.outcome.MonitorOutcome;
import io.trapwatch.model.outcome.MonitorOutcomesChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Keeps the outcomes of the monitors (decision D18: what a short from the bar after the trigger made) up to date in
 * the transaction that processes a series' bars: every new bar moves the unfinished outcomes of its series (O(1)
 * each, {@link OutcomeTracker}), a discovery starts a new one, and at the end the changed ones are published as one
 * {@link MonitorOutcomesChanged} per series; the batch writes all series' changes at once.
 */
@ApplicationScoped
public class OutcomeKeeper {

    private final int observationBars;
    private final ObjectMapper mapper;
    private final MonitorOutcomeRepository outcomes;

    public OutcomeKeeper(DetectionConfig config, ObjectMapper mapper, MonitorOutcomeRepository outcomes) {
        this.observationBars = config.outcome().observationBars();
        if (observationBars < 0) {
            throw new IllegalStateException("invalid configuration trapwatch.detection.outcome.observation-bars "
                    + "(environment TRAPWATCH_DETECTION_OUTCOME_OBSERVATION_BARS): must be >= 0 (0 = every bar since "
                    + "the entry), got " + observationBars);
        }
        this.mapper = mapper;
        this.outcomes = outcomes;
    }

    public int observationBars() {
        return observationBars;
    }

    /**
     * The outcome work of a transaction over several locked series: their unfinished outcomes read in one query,
     * and everything they change written at {@link Batch#write} in one statement per table.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Batch batch(Collection<SeriesStateEntity> series) {
        return new Batch(outcomes.unfinishedOf(series.stream().map(s -> s.id).toList()));
    }

    /** The outcomes of the series of one transaction, and what is to be written for them. */
    public final class Batch {

        private final Map<Long, List<MonitorOutcomeRow>> unfinished;
        private final List<MonitorOutcomeRow> rows = new ArrayList<>();
        private final List<OutboxEntity> events = new ArrayList<>();

        private Batch(Map<Long, List<MonitorOutcomeRow>> unfinished) {
            this.unfinished = unfinished;
        }

        /** The outcome work of one of the batch's series. */
        public SeriesOutcomes of(SeriesStateEntity state) {
            return new SeriesOutcomes(this, state, unfinished.getOrDefault(state.id, List.of()));
        }

        /** Writes what the series published, in the caller's transaction: the outcomes in one statement, their events in another. */
        public void write(Instant now) {
            outcomes.save(rows, now);
            OutboxEntity.persistAll(events);
            rows.clear();
            events.clear();
        }
    }

    /** Unfinished outcomes of one series and what changed them in this transaction. */
    public final class SeriesOutcomes {

        private final Batch batch;
        private final SeriesStateEntity state;
        /** Completed outcomes stay here until the transaction ends; their tracker ignores further bars. */
        private final List<Tracked> tracked = new ArrayList<>();
        private long lastBar = Long.MIN_VALUE;

        private SeriesOutcomes(Batch batch, SeriesStateEntity state, List<MonitorOutcomeRow> unfinished) {
            this.batch = batch;
            this.state = state;
            for (MonitorOutcomeRow row : unfinished) {
                tracked.add(new Tracked(row, OutcomeTracker.restore(row.state()), false));
            }
        }

        /** A processed bar moves every unfinished outcome of the series. */
        public void onBar(Bar bar) {
            lastBar = bar.openTime();
            for (Tracked t : tracked) {
                t.changed |= t.tracker.onBar(bar);
            }
        }

        /** A monitor discovered on {@code trigger}: its outcome starts (version 0 until published), waiting for the entry bar. */
        public void discovered(ClosedBar trigger) {
            OutcomeTracker tracker = OutcomeTracker.start(trigger.openTimeMillis(), trigger.close().doubleValue(),
                    observationBars);
            MonitorOutcomeRow row = new MonitorOutcomeRow(MonitorStateChanged.monitorKey(state.key(), trigger.openTime()),
                    state.id, 0, tracker.state());
            tracked.add(new Tracked(row, tracker, true));
        }

        /** Whether {@link #publish} queued an event. */
        public boolean published() {
            return tracked.stream().anyMatch(t -> t.changed);
        }

        /** Queues the changed outcomes, each with its next version, and one event for them in the batch. */
        public void publish(Instant now) {
            List<MonitorOutcome> published = new ArrayList<>();
            for (Tracked t : tracked) {
                if (t.changed) {
                    MonitorOutcomeRow next = t.row.next(t.tracker.state());
                    batch.rows.add(next);
                    published.add(OutcomeEvents.of(next.monitorKey(), next.version(), next.state()));
                }
            }
            if (published.isEmpty()) {
                return;
            }
            SeriesKey series = state.key();
            Instant barTime = Instant.ofEpochMilli(lastBar == Long.MIN_VALUE ? now.toEpochMilli() : lastBar);
            batch.events.add(event(series, barTime, published, now));
        }
    }

    /** An outcome as stored at the start of the transaction, its tracker, and whether a bar or its start changed it. */
    private static final class Tracked {
        final MonitorOutcomeRow row;
        final OutcomeTracker tracker;
        boolean changed;

        Tracked(MonitorOutcomeRow row, OutcomeTracker tracker, boolean changed) {
            this.row = row;
            this.tracker = tracker;
            this.changed = changed;
        }
    }

    /** One event for outcomes of one series, queued in the outbox of the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void outbox(SeriesKey series, Instant barTime, List<MonitorOutcome> outcomes, Instant now) {
        event(series, barTime, outcomes, now).persist();
    }

    private OutboxEntity event(SeriesKey series, Instant barTime, List<MonitorOutcome> outcomes, Instant now) {
        MonitorOutcomesChanged event = new MonitorOutcomesChanged(MonitorOutcomesChanged.eventId(series, barTime),
                MonitorOutcomesChanged.SCHEMA_VERSION, series.marketType(), series.symbol(), series.interval(),
                barTime, outcomes, now);
        return OutboxEntity.of(Topics.MONITOR_OUTCOMES_CHANGED, series.asKafkaKey(), event.eventId(), json(event), now);
    }

    private String json(Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise outcome event", e);
        }
    }
}
