package io.trapwatch.marketdata.repository;

import java.math.BigDecimal;
import java.time.Instant;

/** A stored instrument. */
public record InstrumentRow(String symbol, String status, String baseAsset, String quoteAsset, BigDecimal lastPrice,
                           Instant firstSeen, Instant updatedAt) {

    public static final String ACTIVE = "active";
    public static final String DELISTED = "delisted";

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
