package io.trapwatch.monitorapi.domain;

import java.time.Duration;

/**
 * Pause before the next attempt: initial × 2^(failed attempts − 1), capped, then a random share of it between 50 %
 * and 100 % (jitter), so receivers coming back are not hit by every queued delivery in the same instant.
 */
public record Backoff(Duration initial, Duration max) {

    /** {@code failedAttempts} ≥ 1; {@code random} in [0, 1). */
    public Duration after(int failedAttempts, double random) {
        long initialMs = Math.max(1, initial.toMillis());
        int doublings = Math.min(failedAttempts - 1, 30);
        long full = Math.min(max.toMillis(), initialMs << doublings);
        return Duration.ofMillis(full / 2 + Math.round(full / 2.0 * random));
    }
}
