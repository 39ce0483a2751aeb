package io.trapwatch.detection.rest;

import io.trapwatch.detection.domain.DetectionSettings;
import io.trapwatch.detection.service.ScanSpec;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.service.rest.BadParameterException;
import io.trapwatch.service.rest.RequestParameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validates a scan request field by field; the first bad field becomes a {@link BadParameterException}. */
final class ScanRequests {

    private static final List<String> THRESHOLD_KEYS = DetectionSettings.THRESHOLD_KEYS;

    private ScanRequests() {
    }

    static ScanSpec validate(ScanRequest r, DetectionSettings configured) {
        if (r == null) {
            throw new BadParameterException("body", "request body is required",
                    List.of("a JSON object with market_type and interval"), null);
        }
        MarketType market = RequestParameters.marketType(r.marketType());
        Interval interval = RequestParameters.requiredInterval(r.interval());
        SeriesSelection selection = SeriesSelection.parse(r.start(), r.end(), r.symbols());
        boolean dryRun = dryRun(r.dryRun());
        Map<String, Double> thresholds = thresholds(r.thresholds(), dryRun);
        DetectionSettings settings;
        try {
            settings = configured.withOverrides(thresholds);
        } catch (IllegalArgumentException e) {
            String key = THRESHOLD_KEYS.stream().filter(k -> e.getMessage() != null && e.getMessage().contains(k))
                    .findFirst().orElse(null);
            throw new BadParameterException(key == null ? "thresholds" : "thresholds." + key, e.getMessage(),
                    List.of("a value in the range the detector accepts"), key == null ? r.thresholds() : r.thresholds().get(key));
        }
        return new ScanSpec(market, interval, selection.start(), selection.end(), selection.symbols(), dryRun,
                thresholds, settings);
    }

    private static boolean dryRun(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new BadParameterException("dry_run", "dry_run must be a boolean", List.of("true", "false"), value);
    }

    private static Map<String, Double> thresholds(Map<String, Object> raw, boolean dryRun) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        if (!dryRun) {
            throw new BadParameterException("thresholds", "threshold overrides are only accepted for a dry run",
                    List.of("only with dry_run: true (live thresholds are configuration)"), raw);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (!THRESHOLD_KEYS.contains(e.getKey())) {
                throw new BadParameterException("thresholds." + e.getKey(), "unknown threshold " + e.getKey(),
                        THRESHOLD_KEYS, e.getKey());
            }
            if (!(e.getValue() instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new BadParameterException("thresholds." + e.getKey(), "threshold " + e.getKey() + " must be a number",
                        List.of("a number"), e.getValue());
            }
            values.put(e.getKey(), n.doubleValue());
        }
        return values;
    }
}
