package io.trapwatch.marketdata.domain;

import io.trapwatch.model.MarketType;

import java.net.URI;

/**
 * Binance's combined-stream endpoints for market data. USDT-M futures moved their streams to three paths in 2026
 * ({@code /public} book data, {@code /market} klines and tickers, {@code /private} user data); a kline
 * subscription on another path is accepted and then silent, so a futures URL must end in {@code /market/stream}.
 */
public final class StreamEndpoints {

    public static final URI BINANCE_SPOT = URI.create("wss://stream.binance.com:443/stream");
    public static final URI BINANCE_FUTURES = URI.create("wss://fstream.binance.com/market/stream");

    private StreamEndpoints() {
    }

    /** Path that the combined kline streams of a market live under on any host (Binance or the replay server). */
    public static String combinedPath(MarketType market) {
        return market == MarketType.SPOT ? "/stream" : "/market/stream";
    }

    /** @throws IllegalArgumentException naming the market and the expected path when the URL cannot carry klines */
    public static URI checked(MarketType market, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException(market.wire() + " stream URL must be ws:// or wss://, got " + url);
        }
        String path = url.getPath() == null ? "" : url.getPath().replaceAll("/+$", "");
        if (!path.endsWith(combinedPath(market))) {
            throw new IllegalArgumentException(market.wire() + " stream URL must end in " + combinedPath(market)
                    + " (the combined " + (market == MarketType.SPOT ? "" : "market ") + "stream path), got " + url);
        }
        return url;
    }
}
