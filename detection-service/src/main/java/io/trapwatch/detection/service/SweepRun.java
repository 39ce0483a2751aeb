package io.trapwatch.detection.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trapwatch.detection.domain.SweepPart;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A sweep's progress and, once done, its ranked results. Shared between the worker and readers. */
public final class SweepRun {

    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    /**
     * One combination's figures.
     *
     * @param statistics  the whole data without a split, else the part before the split: the one ranked
     * @param outOfSample the part from the split on, reported beside; null without a split
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(int rank, int combination, Map<String, Double> settings, SweepPart statistics,
                         SweepPart outOfSample) {
    }

    /** A series that could not be read; the sweep went on without it. */
    public record FailedSeries(String series, String error) {
    }

    public final UUID id;
    public final SweepSpec spec;
    public final Instant createdAt = Instant.now();
    public final AtomicInteger seriesRead = new AtomicInteger();
    public final AtomicLong barsRead = new AtomicLong();
    public final AtomicInteger combinationsDone = new AtomicInteger();
    public final List<FailedSeries> failedSeries = new CopyOnWriteArrayList<>();
    public volatile int seriesTotal;
    public volatile String status = RUNNING;
    public volatile List<Result> results = List.of();
    public volatile String error;
    public volatile Instant finishedAt;
    public volatile long readMillis;
    public volatile long runMillis;

    SweepRun(UUID id, SweepSpec spec) {
        this.id = id;
        this.spec = spec;
    }

    public boolean cancelled() {
        return CANCELLED.equals(status);
    }
}
