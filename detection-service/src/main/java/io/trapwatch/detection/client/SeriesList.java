package io.trapwatch.detection.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/market-data/series}: the symbols that have stored bars for one market and interval. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeriesList(@JsonProperty("market_type") String marketType, String interval, List<Entry> series) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String symbol, long bars,
                        @JsonProperty("first_open_time") Instant firstOpenTime,
                        @JsonProperty("last_open_time") Instant lastOpenTime) {
    }
}
