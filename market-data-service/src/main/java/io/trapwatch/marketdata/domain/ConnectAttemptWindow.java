package io.trapwatch.marketdata.domain;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Binance allows 300 connection attempts per 5 minutes per IP: an attempt is granted a start time no earlier than
 * the moment the oldest of the last {@code limit} attempts leaves the window. Shared by every connection of the
 * process (both markets count against the same IP).
 */
public final class ConnectAttemptWindow {

    private final int limit;
    private final long windowNanos;
    private final Deque<Long> attempts = new ArrayDeque<>();

    public ConnectAttemptWindow(int limit, long windowNanos) {
        if (limit < 1) {
            throw new IllegalArgumentException("connect attempt limit must be at least 1, got " + limit);
        }
        this.limit = limit;
        this.windowNanos = windowNanos;
    }

    /** Reserves an attempt; returns how many nanoseconds from {@code now} it may start. */
    public synchronized long reserve(long now) {
        while (!attempts.isEmpty() && attempts.peekFirst() + windowNanos <= now) {
            attempts.removeFirst();
        }
        long start = now;
        if (attempts.size() >= limit) {
            // the reserved start of the attempt `limit` places back must have left the window
            Long[] times = attempts.toArray(new Long[0]);
            start = Math.max(now, times[times.length - limit] + windowNanos);
        }
        attempts.addLast(start);
        return start - now;
    }
}
