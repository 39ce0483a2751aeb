package io.trapwatch.detection.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A sweep as {@code GET /api/detection/sweeps/{id}} shows it: request, progress and the best {@code top} combinations. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SweepView(UUID id, String status, Request request, Progress progress, List<SweepRun.FailedSeries> failed,
                        List<SweepRun.Result> results, String error, long readMs, long runMs, Instant createdAt,
                        Instant finishedAt) {

    public static SweepView of(SweepRun run, int top) {
        List<SweepRun.Result> results = run.results;
        return new SweepView(run.id, run.status, Request.of(run.spec),
                new Progress(run.seriesRead.get(), run.seriesTotal, run.barsRead.get(), run.combinationsDone.get(),
                        run.spec.grid().size()),
                List.copyOf(run.failedSeries), results.subList(0, Math.min(top, results.size())), run.error,
                run.readMillis, run.runMillis, run.createdAt, run.finishedAt);
    }

    /** The request as validated: every market and interval it covers, the grid's size, the split. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Request(List<MarketType> marketTypes, List<Interval> intervals, Instant start, Instant end,
                          List<String> symbols, int observationBars, int combinations, String rankBy,
                          Instant trainUntil, Double trainFraction) {

        static Request of(SweepSpec spec) {
            return new Request(spec.marketTypes(), spec.intervals(), spec.start(), spec.end(), spec.symbols(),
                    spec.observationBars(), spec.grid().size(), spec.rankBy(), spec.trainUntil(), spec.trainFraction());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Progress(int seriesRead, int seriesTotal, long barsRead, int combinationsDone, int combinationsTotal) {
    }
}
