package io.trapwatch.marketdata.domain;

import io.trapwatch.model.Interval;

import java.util.Locale;
import java.util.Optional;

/** Binance's kline stream names: {@code <symbol lower case>@kline_<interval>}. */
public final class StreamNames {

    private static final String KLINE = "@kline_";

    private StreamNames() {
    }

    public static String kline(String symbol, Interval interval) {
        return symbol.toLowerCase(Locale.ROOT) + KLINE + interval.wire();
    }

    /** The symbol (upper case) and interval of a kline stream name; empty for any other name. */
    public static Optional<SymbolInterval> parse(String stream) {
        int at = stream == null ? -1 : stream.indexOf(KLINE);
        if (at <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SymbolInterval(stream.substring(0, at).toUpperCase(Locale.ROOT),
                    Interval.fromWire(stream.substring(at + KLINE.length()))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public record SymbolInterval(String symbol, Interval interval) {
    }
}
