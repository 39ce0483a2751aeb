package io.trapwatch.monitorapi.rest;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parsing of request parameters, all taken as strings so no framework conversion error can escape as a 404 or
 * 500. A blank value means "not given". Every failure is an {@link ApiProblem#badParameter} 400.
 */
final class QueryParams {

    static final String ALL = "all";
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,32}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final DateTimeFormatter STRICT_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    /** "+08:00" arrives as " 08:00" when the client did not percent-encode the plus sign. */
    private static final Pattern DECODED_PLUS_OFFSET = Pattern.compile("(.*T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?) (\\d{2}:\\d{2})");
    private static final List<String> TIME_FORMATS = List.of("YYYY-MM-DDTHH:MM:SS[.ffffff](Z|±HH:MM)",
            "YYYY-MM-DDTHH:MM:SS[.ffffff] (UTC)", "YYYY-MM-DD HH:MM:SS (UTC)", "YYYY-MM-DD (UTC midnight)");

    private QueryParams() {
    }

    static Optional<String> given(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    static Optional<MonitorStatus> status(String value) {
        return given(value).map(v -> {
            if (!MonitorStatus.wireNames().contains(v)) {
                throw oneOf("status", MonitorStatus.wireNames(), value);
            }
            return MonitorStatus.fromWire(v);
        });
    }

    static Optional<Interval> interval(String value) {
        return given(value).map(v -> {
            if (!Interval.wireNames().contains(v)) {
                throw oneOf("interval", Interval.wireNames(), value);
            }
            return Interval.fromWire(v);
        });
    }

    static Interval requiredInterval(String value) {
        return interval(value).orElseThrow(() -> missing("interval", Interval.wireNames(), value));
    }

    /** spot, futures or all (the default); empty means all markets. */
    static Optional<MarketType> marketTypeOrAll(String value) {
        List<String> allowed = List.of("spot", "futures", ALL);
        String v = given(value).orElse(ALL);
        if (!allowed.contains(v)) {
            throw oneOf("market_type", allowed, value);
        }
        return v.equals(ALL) ? Optional.empty() : Optional.of(MarketType.fromWire(v));
    }

    static MarketType requiredMarketType(String value) {
        List<String> allowed = MarketType.wireNames();
        String v = given(value).orElseThrow(() -> missing("market_type", allowed, value));
        if (!allowed.contains(v)) {
            throw oneOf("market_type", allowed, value);
        }
        return MarketType.fromWire(v);
    }

    /** Binance spelling, upper-cased: BTCUSDT. */
    static Optional<String> symbol(String name, String value) {
        return given(value).map(v -> {
            String symbol = v.toUpperCase();
            if (!SYMBOL.matcher(symbol).matches()) {
                throw ApiProblem.badParameter(name, name + " must be a Binance symbol of 2 to 32 letters and digits, such as BTCUSDT",
                        List.of("a Binance symbol such as BTCUSDT"), value);
            }
            return symbol;
        });
    }

    static Optional<LocalDate> date(String name, String value) {
        return given(value).map(v -> {
            ApiProblem problem = ApiProblem.badParameter(name, name + " must be in YYYY-MM-DD format",
                    List.of("a UTC calendar date in YYYY-MM-DD format"), value);
            if (!DATE.matcher(v).matches()) {
                throw problem;
            }
            try {
                LocalDate date = LocalDate.parse(v, STRICT_DATE);
                if (date.getYear() < 1) {
                    throw problem;
                }
                return date;
            } catch (DateTimeParseException e) {
                throw problem;
            }
        });
    }

    /** An instant in one of {@link #TIME_FORMATS}; without an offset it is UTC. */
    static Optional<Instant> instant(String name, String value) {
        return given(value).map(raw -> {
            var plus = DECODED_PLUS_OFFSET.matcher(raw);
            String v = plus.matches() ? plus.group(1) + "+" + plus.group(4) : raw;
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
                    } catch (DateTimeParseException notDate) {
                        throw ApiProblem.badParameter(name, name + " could not be parsed as an ISO-8601 time", TIME_FORMATS, value);
                    }
                }
            }
        });
    }

    static Optional<Integer> intInRange(String name, String value, int min, int max) {
        return given(value).map(v -> {
            ApiProblem problem = ApiProblem.badParameter(name, name + " must be an integer from " + min + " to " + max,
                    List.of("an integer from " + min + " to " + max), value);
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    throw problem;
                }
                return n;
            } catch (NumberFormatException e) {
                throw problem;
            }
        });
    }

    /** A positive 64-bit integer (a path id). */
    static long positiveId(String name, String value) {
        ApiProblem problem = ApiProblem.badParameter(name, name + " must be a positive integer",
                List.of("an integer from 1 to " + Long.MAX_VALUE), value);
        try {
            long id = Long.parseLong(given(value).orElseThrow(() -> problem));
            if (id < 1) {
                throw problem;
            }
            return id;
        } catch (NumberFormatException e) {
            throw problem;
        }
    }

    private static ApiProblem oneOf(String name, List<String> allowed, String received) {
        return ApiProblem.badParameter(name, name + " must be one of: " + allowed, allowed, received);
    }

    private static ApiProblem missing(String name, List<String> allowed, String received) {
        return ApiProblem.badParameter(name, name + " is required and must be one of: " + allowed, allowed, received);
    }
}
