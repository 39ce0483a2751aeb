package io.trapwatch.detection.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One page of {@code GET /api/market-data/klines}; decimals arrive as strings and are read exactly. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KlinePage(@JsonProperty("market_type") String marketType, String symbol, String interval,
                        List<Row> klines) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(@JsonProperty("open_time") Instant openTime, BigDecimal open, BigDecimal high,
                      BigDecimal low, BigDecimal close, BigDecimal volume) {
    }
}
