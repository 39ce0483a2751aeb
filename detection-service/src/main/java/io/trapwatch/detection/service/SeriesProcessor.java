package io.trapwatch.detection.service;

import io.trapwatch.detection.domain.Bar;
import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.detection.domain.SeriesEngine;
import io.trapwatch.detection.domain.Transition;
import io.trapwatch.detection.metrics.DetectionMetrics;
import io.trapwatch.detection.repository.SeriesStateEntity;
import io.trapwatch.model.SeriesKey;
import io.trapwatch.service.outbox.OutboxDrainer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one per-series processing step shared by the live consumer and the catch-up scan (D15: historical bars go
 * through the very engine live bars do): under the series lock, every given bar newer than the cursor is stored, run
 * through the series' engine and its transitions recorded, and the cursor advances — all in one transaction. Bars at
 * or before the cursor are skipped, which makes redelivery and overlapping scans harmless.
 */
@ApplicationScoped
public class SeriesProcessor {

    private static final Object NUDGE_REGISTERED = SeriesProcessor.class.getName() + ".nudge";

    @Inject
    EngineCache engines;

    @Inject
    MonitorRecorder recorder;

    @Inject
    DetectionMetrics metrics;

    @Inject
    OutboxDrainer drainer;

    @Inject
    OutcomeKeeper outcomeKeeper;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Transactional
    public ProcessedBars process(SeriesKey series, List<ClosedBar> bars) {
        SeriesStateEntity state = SeriesStateEntity.lockOrCreate(series);
        OutcomeKeeper.Batch outcomes = outcomeKeeper.batch(List.of(state));
        SeriesWrites writes = new SeriesWrites();
        ProcessedBars processed = processLocked(state, bars, outcomes.of(state), writes);
        writes.write();
        outcomes.write(Instant.now());
        return processed;
    }

    /**
     * The same step for a series row the caller already locked in the current transaction, with its outcomes from
     * the caller's batch (one read and one write for a whole batch of series); the bars and the cursor go to
     * {@code writes}, which the caller writes for the whole batch too.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    ProcessedBars processLocked(SeriesStateEntity state, List<ClosedBar> bars, OutcomeKeeper.SeriesOutcomes outcomes,
                                SeriesWrites writes) {
        SeriesKey series = state.key();
        List<ClosedBar> ordered = new ArrayList<>(bars);
        ordered.sort(Comparator.comparing(ClosedBar::openTime));
        List<Transition> transitions = new ArrayList<>();
        int processed = 0;
        Instant now = Instant.now();
        SeriesEngine engine = engines.engineAt(state);
        // The row lock already serialises this series; the monitor makes the engine's memory visible across threads.
        synchronized (engine) {
            for (ClosedBar bar : ordered) {
                if (state.lastOpenTime != null && !bar.openTime().isAfter(state.lastOpenTime)) {
                    continue;
                }
                Bar engineBar = bar.toBar();
                long started = System.nanoTime();
                List<Transition> caused = engine.onBar(engineBar);
                metrics.engineBar().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                // Outcomes first see the bar, then a monitor discovered on it starts its own (entry = next bar).
                outcomes.onBar(engineBar);
                for (Transition t : caused) {
                    recorder.record(series, bar, t, now);
                    if (t.from() == null) {
                        outcomes.discovered(bar);
                    }
                    transitions.add(t);
                }
                state.lastOpenTime = bar.openTime();
                state.barsProcessed++;
                writes.processed(state, bar);
                processed++;
            }
        }
        if (processed > 0) {
            state.updatedAt = now;
        }
        outcomes.publish(now);
        if (!transitions.isEmpty() || outcomes.published()) {
            publishAfterCommit();
        }
        return new ProcessedBars(processed, transitions);
    }

    /** Once per transaction, however many series it processed: wake the drainer when it commits. */
    private void publishAfterCommit() {
        if (transactions.getResource(NUDGE_REGISTERED) != null) {
            return;
        }
        transactions.putResource(NUDGE_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    drainer.nudge();
                }
            }
        });
    }
}
