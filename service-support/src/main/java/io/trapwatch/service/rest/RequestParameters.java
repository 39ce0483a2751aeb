package io.trapwatch.service.rest;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.Symbols;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one parser of request parameters for every service: market type, interval, symbols, dates and times, integers
 * in a range, ids. Values come in as strings so no framework conversion error escapes as a 404 or 500; a blank value
 * means "not given"; every failure is a {@link BadParameterException} naming the parameter. Names are exact
 * (lower-case wire names, as the reference API): "SPOT" is not a market type.
 */
public final class RequestParameters {

    public static final String ALL_MARKETS = "all";
    public static final String SYMBOL_FORM = "a Binance symbol such as BTCUSDT (2 to 32 letters and digits)";
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final DateTimeFormatter STRICT_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    /** "+08:00" arrives as " 08:00" when the client did not percent-encode the plus sign. */
    private static final Pattern DECODED_PLUS_OFFSET = Pattern.compile("(.*T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?) (\\d{2}:\\d{2})");
    public static final List<String> TIME_FORMS = List.of("YYYY-MM-DDTHH:MM:SS[.ffffff](Z|±HH:MM)",
            "YYYY-MM-DDTHH:MM:SS[.ffffff] (UTC)", "YYYY-MM-DD HH:MM:SS (UTC)", "YYYY-MM-DD (UTC midnight)");

    private RequestParameters() {
    }

    public static Optional<String> given(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** One of {@code allowed} exactly, converted by {@code parse}; empty when not given. */
    public static <T> Optional<T> oneOf(String name, String value, List<String> allowed, Function<String, T> parse) {
        return given(value).map(v -> {
            if (!allowed.contains(v)) {
                throw new BadParameterException(name, name + " must be one of: " + allowed, allowed, value);
            }
            return parse.apply(v);
        });
    }

    public static <T> T requiredOneOf(String name, String value, List<String> allowed, Function<String, T> parse) {
        return oneOf(name, value, allowed, parse).orElseThrow(() -> missing(name, allowed, value));
    }

    public static MarketType marketType(String value) {
        return requiredOneOf("market_type", value, MarketType.wireNames(), MarketType::fromWire);
    }

    /** spot, futures or all (the default): empty means every market. */
    public static Optional<MarketType> marketTypeOrAll(String value) {
        List<String> allowed = new ArrayList<>(MarketType.wireNames());
        allowed.add(ALL_MARKETS);
        String v = oneOf("market_type", value, allowed, Function.identity()).orElse(ALL_MARKETS);
        return v.equals(ALL_MARKETS) ? Optional.empty() : Optional.of(MarketType.fromWire(v));
    }

    public static Optional<Interval> interval(String value) {
        return oneOf("interval", value, Interval.wireNames(), Interval::fromWire);
    }

    public static Interval requiredInterval(String value) {
        return requiredOneOf("interval", value, Interval.wireNames(), Interval::fromWire);
    }

    /** Binance spelling ({@link Symbols}), upper-cased: "btcusdt" is BTCUSDT. */
    public static Optional<String> symbol(String name, String value) {
        return given(value).map(v -> {
            String symbol = v.toUpperCase();
            if (!Symbols.isValid(symbol)) {
                throw new BadParameterException(name, name + " must be " + SYMBOL_FORM, List.of(SYMBOL_FORM), value);
            }
            return symbol;
        });
    }

    public static String requiredSymbol(String name, String value) {
        return symbol(name, value).orElseThrow(() -> missing(name, List.of(SYMBOL_FORM), value));
    }

    /**
     * Several symbols, as a comma-separated string or (in a JSON body) a list; upper-cased, duplicates dropped, order
     * kept. Absent means "all"; present but empty is an error.
     */
    public static Optional<List<String>> symbols(String name, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        List<String> allowed = List.of("a list or comma-separated string of Binance symbols such as BTCUSDT,ETHUSDT");
        List<?> raw = value instanceof String s ? Arrays.asList(s.split(",", -1))
                : value instanceof List<?> list ? list : null;
        if (raw == null) {
            throw new BadParameterException(name, name + " must be a list of symbols", allowed, value);
        }
        List<String> symbols = new ArrayList<>();
        for (Object o : raw) {
            String s = o instanceof String str ? str.trim().toUpperCase() : null;
            if (!Symbols.isValid(s)) {
                throw new BadParameterException(name, name + " holds an invalid symbol: " + o, allowed, value);
            }
            if (!symbols.contains(s)) {
                symbols.add(s);
            }
        }
        if (symbols.isEmpty()) {
            throw new BadParameterException(name, name + ", when given, must not be empty", allowed, value);
        }
        return Optional.of(symbols);
    }

    /** A calendar date, strictly YYYY-MM-DD (no 2024-02-30, no year 0). */
    public static Optional<LocalDate> date(String name, String value) {
        return given(value).map(v -> {
            BadParameterException problem = new BadParameterException(name, name + " must be in YYYY-MM-DD format",
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

    /** An instant in one of {@link #TIME_FORMS}; without an offset it is UTC, a bare date is its midnight. */
    public static Optional<Instant> instant(String name, String value) {
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
                        throw new BadParameterException(name, name + " could not be parsed as an ISO-8601 time", TIME_FORMS, value);
                    }
                }
            }
        });
    }

    /** Like {@link #instant}, but a bare date as the end of a range covers that whole day (its last millisecond). */
    public static Optional<Instant> endInstant(String name, String value) {
        return instant(name, value).map(t -> given(value).filter(DATE.asMatchPredicate()).isPresent()
                ? t.plusSeconds(86_400).minusMillis(1) : t);
    }

    public static Optional<Integer> intInRange(String name, String value, int min, int max) {
        return given(value).map(v -> {
            BadParameterException problem = new BadParameterException(name, name + " must be an integer from " + min + " to " + max,
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

    public static int requiredIntInRange(String name, String value, int min, int max) {
        return intInRange(name, value, min, max)
                .orElseThrow(() -> missing(name, List.of("an integer from " + min + " to " + max), value));
    }

    /** The page size of a list: 1 to {@code max}, {@code fallback} when not given. */
    public static int pageSize(String value, int fallback, int max) {
        return intInRange("page_size", value, 1, max).orElse(fallback);
    }

    /** A positive 64-bit integer (a path id or a page number). */
    public static long positiveId(String name, String value) {
        BadParameterException problem = new BadParameterException(name, name + " must be a positive integer",
                List.of("an integer from 1 to " + Long.MAX_VALUE), value);
        return wholeNumber(given(value).orElseThrow(() -> problem), 1).orElseThrow(() -> problem);
    }

    /** {@code value} as a 64-bit integer of at least {@code min}; empty when it is none (the caller names the 400). */
    public static OptionalLong wholeNumber(String value, long min) {
        try {
            long n = Long.parseLong(value);
            return n >= min ? OptionalLong.of(n) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** An id made by this service (a UUID); {@code what} says where such ids come from. */
    public static UUID uuid(String name, String value, String what) {
        BadParameterException problem = new BadParameterException(name, name + " is not " + what, List.of(what), value);
        try {
            return UUID.fromString(given(value).orElseThrow(() -> problem));
        } catch (IllegalArgumentException e) {
            throw problem;
        }
    }

    private static BadParameterException missing(String name, List<String> allowed, String received) {
        return new BadParameterException(name, name + " is required and must be " + (allowed.size() == 1 ? allowed.get(0)
                : "one of: " + allowed), allowed, received);
    }
}
