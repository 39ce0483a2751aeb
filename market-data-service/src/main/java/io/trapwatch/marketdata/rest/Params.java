package io.trapwatch.marketdata.rest;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;

import io.trapwatch.service.rest.BadParameterException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parsing of query parameters; every failure is a {@link BadParameterException}. */
final class Params {

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,32}");

    private Params() {
    }

    static MarketType marketType(String value) {
        try {
            return MarketType.fromWire(required("market_type", value, MarketType.wireNames()));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("market_type", MarketType.wireNames(), value);
        }
    }

    static Interval interval(String value) {
        try {
            return Interval.fromWire(required("interval", value, Interval.wireNames()));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("interval", Interval.wireNames(), value);
        }
    }

    static Optional<String> oneOf(String name, String value, List<String> allowed) {
        if (value == null) {
            return Optional.empty();
        }
        if (!allowed.contains(value)) {
            throw new BadParameterException(name, allowed, value);
        }
        return Optional.of(value);
    }

    static String symbol(String name, String value) {
        String symbol = required(name, value, List.of("a Binance symbol such as BTCUSDT")).trim().toUpperCase();
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new BadParameterException(name, List.of("a Binance symbol such as BTCUSDT"), value);
        }
        return symbol;
    }

    /** Comma-separated symbols; absent means "all", present but empty is an error. */
    static Optional<List<String>> symbols(String value) {
        if (value == null) {
            return Optional.empty();
        }
        List<String> allowed = List.of("comma-separated Binance symbols such as BTCUSDT,ETHUSDT");
        List<String> symbols = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(String::toUpperCase).distinct().toList();
        if (symbols.isEmpty() || symbols.stream().anyMatch(s -> !SYMBOL.matcher(s).matches())) {
            throw new BadParameterException("symbols", allowed, value);
        }
        return Optional.of(symbols);
    }

    static Optional<Integer> intInRange(String name, String value, int min, int max) {
        if (value == null) {
            return Optional.empty();
        }
        List<String> allowed = List.of("an integer from " + min + " to " + max);
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new BadParameterException(name, allowed, value);
            }
            return Optional.of(n);
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, allowed, value);
        }
    }

    /** ISO-8601 instant with offset ({@code 2024-01-01T00:00:00Z}, {@code ...+08:00}). */
    static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, List.of("an ISO-8601 date-time with offset, e.g. 2024-01-01T00:00:00Z"), value);
        }
    }

    static String required(String name, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            throw new BadParameterException(name, allowed, value);
        }
        return value;
    }
}
