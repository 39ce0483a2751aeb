package io.trapwatch.marketdata.service;

import io.quarkus.scheduler.Scheduled;
import io.trapwatch.marketdata.config.MarketDataConfig;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Optional in-process schedule (trapwatch.market-data.schedule.enabled, off by default; CronJobs normally
 * call the update endpoint): a configurable delay after each 1h/4h/1d candle closes, every market is updated.
 */
@ApplicationScoped
public class ScheduledKlineUpdates {

    private static final Logger LOG = Logger.getLogger(ScheduledKlineUpdates.class);

    private final KlineUpdateService updates;
    private final MarketDataConfig config;
    private final Map<Interval, Long> lastHandledClose = new EnumMap<>(Interval.class);

    public ScheduledKlineUpdates(KlineUpdateService updates, MarketDataConfig config) {
        this.updates = updates;
        this.config = config;
    }

    @Scheduled(every = "30s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = ScheduleDisabled.class)
    void onTick() {
        long now = Instant.now().toEpochMilli();
        for (Interval interval : Interval.values()) {
            long lastClose = Math.floorDiv(now, interval.millis()) * interval.millis();
            boolean due = now >= lastClose + config.schedule().delayAfterClose().toMillis();
            if (due && lastHandledClose.getOrDefault(interval, Long.MIN_VALUE) < lastClose) {
                lastHandledClose.put(interval, lastClose);
                for (MarketType market : MarketType.values()) {
                    try {
                        updates.update(market, interval, Optional.empty(), Optional.empty());
                    } catch (RuntimeException e) {
                        LOG.errorf("scheduled %s %s update failed: %s", market, interval, e.getMessage());
                    }
                }
            }
        }
    }

    @ApplicationScoped
    public static class ScheduleDisabled implements Scheduled.SkipPredicate {
        private final MarketDataConfig config;

        public ScheduleDisabled(MarketDataConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.schedule().enabled();
        }
    }
}
