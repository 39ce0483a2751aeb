package io.trapwatch.monitorapi.service;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the read model is catching up on a backlog of monitor events: the alert sender then holds back, so that
 * deliveries never slow the projection by much (the projection is what every reader and every alert waits for).
 * A backlog shows as large polled batches; live traffic comes in small ones.
 */
@ApplicationScoped
public class ProjectionLoad {

    /** A polled batch at least this large means the consumer was behind when it polled. */
    static final int BACKLOG_BATCH = 100;
    /** How long after the last large batch the projection still counts as catching up. */
    static final long CATCH_UP_NANOS = 1_000_000_000L;

    private volatile long lastBacklogBatch = System.nanoTime() - 2 * CATCH_UP_NANOS;

    public void applied(int events) {
        if (events >= BACKLOG_BATCH) {
            lastBacklogBatch = System.nanoTime();
        }
    }

    public boolean catchingUp() {
        return System.nanoTime() - lastBacklogBatch < CATCH_UP_NANOS;
    }
}
