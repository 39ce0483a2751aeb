package io.trapwatch.detection.rest;

import io.trapwatch.detection.domain.DetectionSettings;
import io.trapwatch.detection.service.ScanSpec;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;

import io.trapwatch.service.rest.BadParameterException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Validates a scan request field by field; the first bad field becomes a {@link BadParameterException}. */
final class ScanRequests {

    static final List<String> THRESHOLD_KEYS = List.of("rvol_threshold", "amplitude_threshold",
            "upper_shadow_threshold", "volume_retention_threshold", "pe_multiplier", "atr_compression_threshold");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,30}");
    private static final List<String> TIME_FORMS = List.of("an ISO-8601 instant such as 2024-01-01T00:00:00Z",
            "a UTC date such as 2024-01-01 (start: that day's 00:00, end: the whole day)");

    private ScanRequests() {
    }

    static ScanSpec validate(ScanRequest r, DetectionSettings configured) {
        if (r == null) {
            throw new BadParameterException("body", List.of("a JSON object with market_type and interval"), null,
                    "request body is required");
        }
        MarketType market = oneOf("market_type", r.marketType(), MarketType.wireNames(), MarketType::fromWire);
        Interval interval = oneOf("interval", r.interval(), Interval.wireNames(), Interval::fromWire);
        Instant start = time("start", r.start(), false);
        Instant end = time("end", r.end(), true);
        if (start != null && end != null && start.isAfter(end)) {
            throw new BadParameterException("start", List.of("a time not after end (" + end + ")"), r.start(),
                    "start must not be after end");
        }
        List<String> symbols = symbols(r.symbols());
        boolean dryRun = dryRun(r.dryRun());
        Map<String, Double> thresholds = thresholds(r.thresholds(), dryRun);
        DetectionSettings settings;
        try {
            settings = configured.withOverrides(thresholds);
        } catch (IllegalArgumentException e) {
            String key = THRESHOLD_KEYS.stream().filter(k -> e.getMessage() != null && e.getMessage().contains(k))
                    .findFirst().orElse(null);
            throw new BadParameterException(key == null ? "thresholds" : "thresholds." + key,
                    List.of("a value in the range the detector accepts"), key == null ? r.thresholds() : r.thresholds().get(key),
                    e.getMessage());
        }
        return new ScanSpec(market, interval, start, end, symbols, dryRun, thresholds, settings);
    }

    private static <T> T oneOf(String name, String value, List<String> allowed, java.util.function.Function<String, T> parse) {
        if (value == null || value.isBlank()) {
            throw new BadParameterException(name, allowed, value, name + " is required");
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(name, allowed, value, e.getMessage());
        }
    }

    private static Instant time(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate day = LocalDate.parse(value.trim());
                return endOfDay ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new BadParameterException(name, TIME_FORMS, value, name + " is not a valid time");
            }
        }
    }

    private static List<String> symbols(Object value) {
        if (value == null) {
            return null;
        }
        List<String> allowed = List.of("a list (or comma-separated string) of Binance symbols such as [\"BTCUSDT\",\"ETHUSDT\"]");
        List<Object> raw = new ArrayList<>();
        if (value instanceof String s) {
            raw.addAll(List.of(s.split(",", -1)));
        } else if (value instanceof List<?> list) {
            raw.addAll(list);
        } else {
            throw new BadParameterException("symbols", allowed, value, "symbols must be a list of symbols");
        }
        List<String> symbols = new ArrayList<>();
        for (Object o : raw) {
            String s = o instanceof String str ? str.trim().toUpperCase() : null;
            if (s == null || !SYMBOL.matcher(s).matches()) {
                throw new BadParameterException("symbols", allowed, value, "invalid symbol " + o);
            }
            if (!symbols.contains(s)) {
                symbols.add(s);
            }
        }
        if (symbols.isEmpty()) {
            throw new BadParameterException("symbols", allowed, value, "symbols, when given, must not be empty");
        }
        return symbols;
    }

    private static boolean dryRun(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new BadParameterException("dry_run", List.of("true", "false"), value, "dry_run must be a boolean");
    }

    private static Map<String, Double> thresholds(Map<String, Object> raw, boolean dryRun) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        if (!dryRun) {
            throw new BadParameterException("thresholds", List.of("only with dry_run: true (live thresholds are configuration)"),
                    raw, "threshold overrides are only accepted for a dry run");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (!THRESHOLD_KEYS.contains(e.getKey())) {
                throw new BadParameterException("thresholds." + e.getKey(), THRESHOLD_KEYS, e.getKey(),
                        "unknown threshold " + e.getKey());
            }
            if (!(e.getValue() instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new BadParameterException("thresholds." + e.getKey(), List.of("a number"), e.getValue(),
                        "threshold " + e.getKey() + " must be a number");
            }
            values.put(e.getKey(), n.doubleValue());
        }
        return values;
    }
}
