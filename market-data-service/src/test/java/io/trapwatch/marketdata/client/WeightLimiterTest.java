package io.trapwatch.marketdata.client;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WeightLimiterTest {

    private final AtomicLong now = new AtomicLong(Instant.parse("2024-01-01T00:00:10Z").toEpochMilli());
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    @Test
    void callsBeyondTheMinuteBudgetWaitForTheNextMinute() throws Exception {
        WeightLimiter limiter = new WeightLimiter("spot", 10, 4, clock);
        limiter.acquire(6);
        limiter.release();
        limiter.acquire(4);
        limiter.release();
        assertThat(limiter.usedThisMinute()).isEqualTo(10);
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> acquireQuietly(limiter, 2));
        Thread.sleep(400);
        assertThat(third).isNotDone();
        now.addAndGet(50_000); // 00:01:00 — a new weight window
        third.get(2, TimeUnit.SECONDS);
        assertThat(limiter.usedThisMinute()).isEqualTo(2);
    }

    @Test
    void theExchangesWeightCountWinsWhenHigher() throws Exception {
        WeightLimiter limiter = new WeightLimiter("futures", 2400, 4, clock);
        limiter.acquire(5);
        limiter.release();
        limiter.observeUsedWeight(2399);
        assertThat(limiter.usedThisMinute()).isEqualTo(2399);
        limiter.observeUsedWeight(3);
        assertThat(limiter.usedThisMinute()).isEqualTo(2399);
    }

    @Test
    void aBanFailsCallsUntilItEnds() throws Exception {
        WeightLimiter limiter = new WeightLimiter("spot", 6000, 4, clock);
        limiter.ban(Instant.ofEpochMilli(now.get() + 1_000));
        assertThatThrownBy(() -> limiter.acquire(1)).isInstanceOf(ExchangeBannedException.class).hasMessageContaining("HTTP 418");
        now.addAndGet(1_001);
        limiter.acquire(1);
        limiter.release();
    }

    private static void acquireQuietly(WeightLimiter limiter, int weight) {
        try {
            limiter.acquire(weight);
            limiter.release();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
