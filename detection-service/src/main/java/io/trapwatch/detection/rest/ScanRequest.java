package io.trapwatch.detection.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * The body of {@code POST /api/detection/scans}, read loosely (strings and plain JSON values) so that every
 * invalid field can be reported by name rather than as an unreadable body. {@code start}, {@code end} and
 * {@code symbols} are read as in a sweep ({@link SeriesSelection}).
 */
public record ScanRequest(
        @JsonProperty("market_type") String marketType,
        String interval,
        @JsonProperty("dry_run") Object dryRun,
        String start,
        String end,
        Object symbols,
        Map<String, Object> thresholds) {
}
