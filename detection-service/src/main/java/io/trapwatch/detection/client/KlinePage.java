package io.trapwatch.detection.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * One page of {@code GET /api/market-data/klines}. Decimals arrive as strings and are kept as such here:
 * {@code new BigDecimal(String)} reads them exactly and is several times cheaper than Jackson's own
 * string-to-BigDecimal coercion, which matters when a scan reads whole histories.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KlinePage(@JsonProperty("market_type") String marketType, String symbol, String interval,
                        List<Row> klines) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(@JsonProperty("open_time") Instant openTime, String open, String high, String low,
                      String close, String volume) {
    }
}
