package io.trapwatch.marketdata.client;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Semaphore;

/**
 * Keeps one market's calls inside Binance's request-weight budget for the current UTC minute, bounds the
 * calls in flight, honours Retry-After pauses (HTTP 429) and bans (HTTP 418). The exchange's own count
 * (X-MBX-USED-WEIGHT-1M) replaces ours when it is higher, e.g. when another process shares the IP.
 */
public final class WeightLimiter {

    private static final long MINUTE = 60_000;
    /** Waiters re-read the clock at least this often (ms), so a clock adjustment never strands them. */
    private static final long RECHECK = 250;

    private final String market;
    private final int budgetPerMinute;
    private final Semaphore inFlight;
    private final Clock clock;
    private long minute;
    private int used;
    private long pausedUntil;
    private Instant bannedUntil;

    public WeightLimiter(String market, int budgetPerMinute, int concurrency, Clock clock) {
        this.market = market;
        this.budgetPerMinute = budgetPerMinute;
        this.inFlight = new Semaphore(concurrency, true);
        this.clock = clock;
    }

    /** Blocks until {@code weight} fits into this minute's budget and a call slot is free; release with {@link #release()}. */
    public void acquire(int weight) throws InterruptedException {
        inFlight.acquire();
        try {
            reserve(weight);
        } catch (InterruptedException | RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    public void release() {
        inFlight.release();
    }

    private synchronized void reserve(int weight) throws InterruptedException {
        while (true) {
            checkBan();
            long now = clock.millis();
            if (now < pausedUntil) {
                wait(Math.min(pausedUntil - now, RECHECK));
                continue;
            }
            rollWindow(now);
            if (used + weight <= budgetPerMinute) {
                used += weight;
                return;
            }
            wait(Math.min((minute + 1) * MINUTE - now + 1, RECHECK));
        }
    }

    /** The exchange's count of weight used in the current minute, from the response header. */
    public synchronized void observeUsedWeight(int exchangeCount) {
        rollWindow(clock.millis());
        used = Math.max(used, exchangeCount);
    }

    /** HTTP 429: every caller of this market waits until the pause is over. */
    public synchronized void pauseFor(long millis) {
        pausedUntil = Math.max(pausedUntil, clock.millis() + millis);
    }

    /** HTTP 418: the market is closed until {@code until}; waiting callers fail at once. */
    public synchronized void ban(Instant until) {
        bannedUntil = until;
        notifyAll();
    }

    public synchronized void checkBan() {
        if (bannedUntil != null) {
            if (clock.instant().isBefore(bannedUntil)) {
                throw new ExchangeBannedException(market, bannedUntil);
            }
            bannedUntil = null;
        }
    }

    public synchronized Instant bannedUntil() {
        return bannedUntil != null && clock.instant().isBefore(bannedUntil) ? bannedUntil : null;
    }

    public int budgetPerMinute() {
        return budgetPerMinute;
    }

    public synchronized int usedThisMinute() {
        rollWindow(clock.millis());
        return used;
    }

    private void rollWindow(long now) {
        long current = now / MINUTE;
        if (current != minute) {
            minute = current;
            used = 0;
        }
    }
}
