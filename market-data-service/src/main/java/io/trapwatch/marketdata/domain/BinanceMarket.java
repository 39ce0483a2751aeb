package io.trapwatch.marketdata.domain;

import io.trapwatch.model.MarketType;

/**
 * What differs between Binance's spot and USDT-M futures APIs: path prefix, largest kline page and
 * the request weight of each endpoint (Binance's published weights).
 */
public enum BinanceMarket {
    SPOT(MarketType.SPOT, "/api/v3", 1000),
    FUTURES(MarketType.FUTURES, "/fapi/v1", 1500);

    private final MarketType marketType;
    private final String apiPrefix;
    private final int maxKlineLimit;

    BinanceMarket(MarketType marketType, String apiPrefix, int maxKlineLimit) {
        this.marketType = marketType;
        this.apiPrefix = apiPrefix;
        this.maxKlineLimit = maxKlineLimit;
    }

    public static BinanceMarket of(MarketType marketType) {
        return marketType == MarketType.SPOT ? SPOT : FUTURES;
    }

    public MarketType marketType() {
        return marketType;
    }

    public String apiPrefix() {
        return apiPrefix;
    }

    public int maxKlineLimit() {
        return maxKlineLimit;
    }

    /** Weight of one klines call: spot is 2 whatever the limit; futures grows with the limit (1/2/5/10). */
    public int klinesWeight(int limit) {
        if (this == SPOT) {
            return 2;
        }
        if (limit < 100) {
            return 1;
        }
        if (limit < 500) {
            return 2;
        }
        return limit <= 1000 ? 5 : 10;
    }

    /** exchangeInfo costs 20 on spot and 1 on futures. */
    public int exchangeInfoWeight() {
        return this == SPOT ? 20 : 1;
    }

    /** ticker/price for all symbols costs 4 on spot and 2 on futures. */
    public int tickerPriceWeight() {
        return this == SPOT ? 4 : 2;
    }

    public int timeWeight() {
        return 1;
    }
}
