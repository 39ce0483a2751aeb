package io.trapwatch.marketdata.domain;

/**
 * Binance's incoming-message limit of one stream connection (spot 5, futures 10 per second, pings and pongs
 * included): every message we send takes the next free slot, slots {@code 1 s / perSecond} apart. A pong that the
 * WebSocket stack sends by itself is {@link #record(long) recorded}, so the next requests wait behind it.
 */
public final class MessagePacer {

    private final long spacingNanos;
    private long nextFree = Long.MIN_VALUE;

    public MessagePacer(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("messages per second must be at least 1, got " + perSecond);
        }
        this.spacingNanos = 1_000_000_000L / perSecond;
    }

    /** Reserves the next slot for a message; returns how many nanoseconds from {@code now} it may be sent. */
    public synchronized long reserve(long now) {
        long slot = nextFree == Long.MIN_VALUE ? now : Math.max(now, nextFree);
        nextFree = slot + spacingNanos;
        return slot - now;
    }

    /** A message that went out without asking (an automatic pong) still uses a slot. */
    public synchronized void record(long now) {
        reserve(now);
    }
}
