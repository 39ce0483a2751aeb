package io.trapwatch.detection.service;

import io.trapwatch.detection.domain.ClosedBar;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.detection.config.DetectionConfig;
import io.trapwatch.detection.domain.Bar;
import io.trapwatch.detection.domain.OutcomeState;
import io.trapwatch.detection.domain.OutcomeTracker;
import io.trapwatch.detection.repository.MonitorOutcomeEntity;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashSet;

/**
 * Keeps the outcomes of the monitors (decision D18: what a short from the bar after the trigger made) up to date in
 * the transaction that processes a series' bars: every new bar moves the unfinished outcomes of its series (O(1)
 * each, {@link OutcomeTracker}), a discovery starts a new one, and at the end the changed ones are written and
 * published as one {@link MonitorOutcomesChanged}.
 */
@ApplicationScoped
public class OutcomeKeeper {

    private final int observationBars;
    private final ObjectMapper mapper;

    public OutcomeKeeper(DetectionConfig config, ObjectMapper mapper) {
        this.observationBars = config.outcome().observationBars();
        if (observationBars < 0) {
            throw new IllegalStateException("invalid configuration trapwatch.detection.outcome.observation-bars "
                    + "(environment TRAPWATCH_DETECTION_OUTCOME_OBSERVATION_BARS): must be >= 0 (0 = every bar since "
                    + "the entry), got " + observationBars);
        }
        this.mapper = mapper;
    }

    public int observationBars() {
        return observationBars;
    }

    /** The unfinished outcomes of several locked series, one query. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, List<MonitorOutcomeEntity>> unfinished(Collection<SeriesStateEntity> series) {
        return MonitorOutcomeEntity.unfinishedOf(series.stream().map(s -> s.id).toList());
    }

    /** The outcome work of one locked series in the current transaction. */
    public SeriesOutcomes of(SeriesStateEntity state, List<MonitorOutcomeEntity> unfinished) {
        return new SeriesOutcomes(state, unfinished);
    }

    /** Unfinished outcomes of one series and what changed them in this transaction. */
    public final class SeriesOutcomes {

        private final SeriesStateEntity state;
        /** Completed outcomes stay here until the transaction ends; their tracker ignores further bars. */
        private final Map<MonitorOutcomeEntity, OutcomeTracker> trackers = new LinkedHashMap<>();
        private final Set<MonitorOutcomeEntity> changed = new LinkedHashSet<>();
        /** Started in this transaction: inserted once, with their final state, when published. */
        private final Set<MonitorOutcomeEntity> fresh = new LinkedHashSet<>();
        private long lastBar = Long.MIN_VALUE;

        private SeriesOutcomes(SeriesStateEntity state, List<MonitorOutcomeEntity> unfinished) {
            this.state = state;
            for (MonitorOutcomeEntity row : unfinished) {
                trackers.put(row, OutcomeTracker.restore(row.toState()));
            }
        }

        /** A processed bar moves every unfinished outcome of the series. */
        public void onBar(Bar bar) {
            lastBar = bar.openTime();
            for (Map.Entry<MonitorOutcomeEntity, OutcomeTracker> e : trackers.entrySet()) {
                if (e.getValue().onBar(bar)) {
                    changed.add(e.getKey());
                }
            }
        }

        /** A monitor discovered on {@code trigger}: its outcome starts, waiting for the entry bar. */
        public void discovered(ClosedBar trigger, Instant now) {
            OutcomeTracker tracker = OutcomeTracker.start(trigger.openTimeMillis(), trigger.close().doubleValue(),
                    observationBars);
            MonitorOutcomeEntity row = new MonitorOutcomeEntity();
            row.monitorKey = MonitorStateChanged.monitorKey(state.key(), trigger.openTime());
            row.seriesId = state.id;
            row.triggerTime = trigger.openTime();
            row.triggerClose = trigger.close();
            row.apply(tracker.state(), now);
            row.version = 0;
            trackers.put(row, tracker);
            changed.add(row);
            fresh.add(row);
        }

        /** Whether {@link #publish} queued an event. */
        public boolean published() {
            return !changed.isEmpty();
        }

        /** Writes the changed outcomes and queues one event for them; nothing when nothing changed. */
        public void publish(Instant now) {
            if (changed.isEmpty()) {
                return;
            }
            List<MonitorOutcome> outcomes = new ArrayList<>(changed.size());
            for (MonitorOutcomeEntity row : changed) {
                OutcomeState latest = trackers.get(row).state();
                row.apply(latest, now);
                if (fresh.contains(row)) {
                    row.persist();
                }
                outcomes.add(OutcomeEvents.of(row.monitorKey, row.version, latest));
            }
            SeriesKey series = state.key();
            Instant barTime = Instant.ofEpochMilli(lastBar == Long.MIN_VALUE ? now.toEpochMilli() : lastBar);
            outbox(series, barTime, outcomes, now);
        }
    }

    /** One event for outcomes of one series, queued in the outbox of the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void outbox(SeriesKey series, Instant barTime, List<MonitorOutcome> outcomes, Instant now) {
        MonitorOutcomesChanged event = new MonitorOutcomesChanged(MonitorOutcomesChanged.eventId(series, barTime),
                MonitorOutcomesChanged.SCHEMA_VERSION, series.marketType(), series.symbol(), series.interval(),
                barTime, outcomes, now);
        OutboxEntity.of(Topics.MONITOR_OUTCOMES_CHANGED, series.asKafkaKey(), event.eventId(), json(event), now).persist();
    }

    private String json(Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise outcome event", e);
        }
    }
}
