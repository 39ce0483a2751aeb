package io.trapwatch.detection.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * The body of {@code POST /api/detection/sweeps}, read loosely (strings and plain JSON values) so that every
 * invalid field can be reported by name. The grid, the one required field, comes first; the series fields are
 * those of a scan ({@link SeriesSelection}).
 */
public record SweepRequest(
        Map<String, Object> grid,
        @JsonProperty("market_type") String marketType,
        String interval,
        String start,
        String end,
        Object symbols,
        @JsonProperty("observation_bars") Object observationBars,
        @JsonProperty("rank_by") String rankBy,
        @JsonProperty("train_until") String trainUntil,
        @JsonProperty("train_fraction") Object trainFraction) {
}
