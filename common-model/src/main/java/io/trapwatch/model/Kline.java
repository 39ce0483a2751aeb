package io.trapwatch.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One closed candle exactly as the exchange reported it. Prices and volumes keep the exchange's
 * full precision (decision D9) and travel as JSON strings so no consumer rounds them through a double.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Kline(
        Instant openTime,
        Instant closeTime,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal open,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal high,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal low,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal close,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal volume,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal quoteVolume,
        long tradeCount,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal takerBuyVolume,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal takerBuyQuoteVolume) {

    public Kline {
        Objects.requireNonNull(openTime, "openTime");
        Objects.requireNonNull(closeTime, "closeTime");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
    }
}
