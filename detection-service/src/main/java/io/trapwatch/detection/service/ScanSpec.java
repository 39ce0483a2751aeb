package io.trapwatch.detection.service;

import io.trapwatch.detection.domain.DetectionSettings;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A validated scan request. {@code symbols} null = every series market-data-service has for the market
 * and interval; {@code start}/{@code end} null = open. {@code settings} carries the threshold overrides
 * (dry runs only).
 */
public record ScanSpec(MarketType marketType, Interval interval, Instant start, Instant end, List<String> symbols,
                       boolean dryRun, Map<String, Double> thresholds, DetectionSettings settings) {
}
