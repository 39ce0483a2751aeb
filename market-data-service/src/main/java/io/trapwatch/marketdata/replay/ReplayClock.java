package io.trapwatch.marketdata.replay;

import io.trapwatch.marketdata.config.MarketDataConfig;
import io.trapwatch.model.Interval;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Instant;

/**
 * The replayed exchange's clock: bars are visible once it has passed their close time. It starts at the
 * configured instant (default: just after the newest bar, everything visible) and only moves when told to.
 */
@ApplicationScoped
public class ReplayClock {

    private final MarketDataConfig config;
    private final ReplayDataSet dataSet;
    private final Event<Moved> moved;
    private Instant now;

    public ReplayClock(MarketDataConfig config, ReplayDataSet dataSet, Event<Moved> moved) {
        this.config = config;
        this.dataSet = dataSet;
        this.moved = moved;
    }

    /** The clock went from {@code from} to {@code to}: bars closing in between are now visible (and streamed). */
    public record Moved(Instant from, Instant to) {
    }

    public synchronized Instant now() {
        if (now == null) {
            now = config.replay().start().orElseGet(() -> Instant.ofEpochMilli(dataSet.lastCloseTime() + 1));
        }
        return now;
    }

    public Instant advance(int bars, Interval interval) {
        Moved move;
        synchronized (this) {
            Instant from = now();
            now = from.plusMillis(bars * interval.millis());
            move = new Moved(from, now);
        }
        // observers (the replay stream server) push the newly closed bars before the caller gets the new time
        moved.fire(move);
        return move.to();
    }
}
