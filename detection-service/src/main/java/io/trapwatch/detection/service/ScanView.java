package io.trapwatch.detection.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trapwatch.detection.repository.ScanEntity;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A scan as {@code GET /api/detection/scans/{id}} shows it: the validated request, progress and, once done, the
 * result.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScanView(UUID id, String status, MarketType marketType, Interval interval, boolean dryRun, Request request,
                       Progress progress, ScanResult result, String error, Instant createdAt, Instant finishedAt) {

    static ScanView of(ScanEntity scan, Request request, ScanResult result) {
        return new ScanView(scan.id, scan.status, scan.marketType, scan.interval, scan.dryRun, request,
                new Progress(scan.seriesDone, scan.seriesTotal, scan.barsProcessed), result, scan.error, scan.createdAt,
                scan.finishedAt);
    }

    /** The request as validated (times normalised to UTC instants, symbols upper-cased), kept with the scan. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Request(MarketType marketType, Interval interval, Instant start, Instant end, List<String> symbols,
                          boolean dryRun, Map<String, Double> thresholds) {

        static Request of(ScanSpec spec) {
            return new Request(spec.marketType(), spec.interval(), spec.start(), spec.end(), spec.symbols(),
                    spec.dryRun(), spec.thresholds());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Progress(int seriesDone, int seriesTotal, long barsProcessed) {
    }
}
