package io.trapwatch.detection.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * The body of {@code POST /api/detection/scans}, read loosely (strings and plain JSON values) so that every
 * invalid field can be reported by name rather than as an unreadable body.
 */
public record ScanRequest(
        @JsonProperty("market_type") String marketType,
        String interval,
        String start,
        String end,
        Object symbols,
        @JsonProperty("dry_run") Object dryRun,
        Map<String, Object> thresholds) {
}
