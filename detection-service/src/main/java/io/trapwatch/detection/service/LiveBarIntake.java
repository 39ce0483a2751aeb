package io.trapwatch.detection.service;

import io.trapwatch.detection.client.MarketDataReader;
import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.detection.repository.SeriesStateEntity;
import io.trapwatch.model.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bars that just closed. Older or already processed bars change nothing; when a bar is more than one
 * interval after the one before it (the cursor, or the previous bar received), the bars in between are
 * fetched from market-data-service and processed first, so the engine sees the same positions as a
 * historical scan (D17.1: bars count by position in the stored series, so a gap is filled before later bars
 * are evaluated).
 */
@ApplicationScoped
public class LiveBarIntake {

    @Inject
    SeriesProcessor processor;

    @Inject
    MarketDataReader marketData;

    @Inject
    OutcomeKeeper outcomeKeeper;

    @Transactional
    public ProcessedBars accept(SeriesKey series, ClosedBar bar) {
        SeriesStateEntity state = SeriesStateEntity.lockOrCreate(series);
        OutcomeKeeper.Batch outcomes = outcomeKeeper.batch(List.of(state));
        SeriesWrites writes = new SeriesWrites();
        ProcessedBars processed = acceptLocked(state, List.of(bar), outcomes.of(state), writes);
        writes.write();
        outcomes.write(Instant.now());
        return processed;
    }

    /** Several series' bars in one transaction: each series as {@link #accept} would do it, bar after bar. */
    @Transactional
    public int acceptAll(Map<SeriesKey, List<ClosedBar>> barsBySeries) {
        int processed = 0;
        List<SeriesStateEntity> locked = SeriesStateEntity.lockOrCreateAll(barsBySeries.keySet());
        OutcomeKeeper.Batch outcomes = outcomeKeeper.batch(locked);
        SeriesWrites writes = new SeriesWrites();
        for (SeriesStateEntity state : locked) {
            processed += acceptLocked(state, barsBySeries.get(state.key()), outcomes.of(state), writes).bars();
        }
        writes.write();
        outcomes.write(Instant.now());
        return processed;
    }

    private ProcessedBars acceptLocked(SeriesStateEntity state, List<ClosedBar> received,
                                       OutcomeKeeper.SeriesOutcomes outcomes, SeriesWrites writes) {
        SeriesKey series = state.key();
        long interval = series.interval().millis();
        TreeMap<Long, ClosedBar> newer = new TreeMap<>();
        for (ClosedBar bar : received) {
            if (state.lastOpenTime == null || bar.openTime().isAfter(state.lastOpenTime)) {
                newer.putIfAbsent(bar.openTimeMillis(), bar);
            }
        }
        if (newer.isEmpty()) {
            return new ProcessedBars(0, List.of());
        }
        List<ClosedBar> bars = new ArrayList<>();
        ClosedBar previous = null;
        for (ClosedBar bar : newer.values()) {
            long before = previous != null ? previous.openTimeMillis()
                    : state.lastOpenTime != null ? state.lastOpenTime.toEpochMilli() : bar.openTimeMillis();
            if (bar.openTimeMillis() - before > interval) {
                bars.addAll(marketData.between(series, Instant.ofEpochMilli(before + 1), bar.openTime().minusMillis(1)));
            }
            bars.add(bar);
            previous = bar;
        }
        return processor.processLocked(state, bars, outcomes, writes);
    }
}
