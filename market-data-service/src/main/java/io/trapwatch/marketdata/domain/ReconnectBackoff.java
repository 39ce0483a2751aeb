package io.trapwatch.marketdata.domain;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delay before reconnect attempt {@code n} (0-based) after a drop: {@code base × 2^n}, capped, of which a random
 * half is dropped ("equal jitter"), so that many connections dropped together do not come back in lock step.
 */
public final class ReconnectBackoff {

    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    public ReconnectBackoff(Duration base, Duration max, DoubleSupplier random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    public Duration delay(int attempt) {
        long cap = max.toMillis();
        long exponential = attempt >= 30 ? cap : Math.min(cap, base.toMillis() << attempt);
        long half = exponential / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (exponential - half)));
    }
}
