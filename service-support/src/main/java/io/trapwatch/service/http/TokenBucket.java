package io.trapwatch.service.http;

/** Refills continuously at {@code perSecond} up to {@code capacity}; one token per request. */
final class TokenBucket {

    private final int capacity;
    private final double perSecond;
    private double tokens;
    private long refilledAt;

    TokenBucket(int capacity, double perSecond, long nowNanos) {
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.tokens = capacity;
        this.refilledAt = nowNanos;
    }

    /** 0 when a token was taken, else the whole seconds until one will be there (at least 1). */
    synchronized long take(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }

    synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - refilledAt) / 1e9 * perSecond);
        refilledAt = nowNanos;
    }
}
