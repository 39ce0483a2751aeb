package io.trapwatch.marketdata.replay;

import io.trapwatch.marketdata.config.MarketDataConfig;
import io.trapwatch.model.Interval;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * The replayed exchange's clock: bars are visible once it has passed their close time. It starts at the
 * configured instant (default: just after the newest bar, everything visible) and only moves when told to.
 */
@ApplicationScoped
public class ReplayClock {

    private final MarketDataConfig config;
    private final ReplayDataSet dataSet;
    private Instant now;

    public ReplayClock(MarketDataConfig config, ReplayDataSet dataSet) {
        this.config = config;
        this.dataSet = dataSet;
    }

    public synchronized Instant now() {
        if (now == null) {
            now = config.replay().start().orElseGet(() -> Instant.ofEpochMilli(dataSet.lastCloseTime() + 1));
        }
        return now;
    }

    public synchronized Instant advance(int bars, Interval interval) {
        now = now().plusMillis(bars * interval.millis());
        return now;
    }
}
