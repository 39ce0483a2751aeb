package io.trapwatch.detection.service;

import io.trapwatch.detection.client.MarketDataBars;
import io.trapwatch.detection.repository.SeriesState;
import io.trapwatch.model.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A bar that just closed. Older or already processed bars change nothing; when the bar is more than one
 * interval after the cursor, the bars in between are fetched from market-data-service and processed first,
 * so the engine sees the same positions as a historical scan (D17.1).
 */
@ApplicationScoped
public class LiveBarIntake {

    @Inject
    SeriesProcessor processor;

    @Inject
    MarketDataBars marketData;

    @Transactional
    public ProcessedBars accept(SeriesKey series, ClosedBar bar) {
        SeriesState state = SeriesState.lockOrCreate(series);
        Instant cursor = state.lastOpenTime;
        if (cursor != null && !bar.openTime().isAfter(cursor)) {
            return new ProcessedBars(0, List.of());
        }
        List<ClosedBar> bars = new ArrayList<>();
        if (cursor != null && bar.openTime().toEpochMilli() - cursor.toEpochMilli() > series.interval().millis()) {
            bars.addAll(marketData.between(series, cursor.plusMillis(1), bar.openTime().minusMillis(1)));
        }
        bars.add(bar);
        return processor.process(series, bars);
    }
}
