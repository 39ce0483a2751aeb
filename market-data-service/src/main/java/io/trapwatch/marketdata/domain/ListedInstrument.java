package io.trapwatch.marketdata.domain;

/** One tradable instrument as the exchange lists it. */
public record ListedInstrument(String symbol, String baseAsset, String quoteAsset) {
}
