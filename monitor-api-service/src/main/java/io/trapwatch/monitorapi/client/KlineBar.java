package io.trapwatch.monitorapi.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/** One bar as market-data-service serves it and as this API passes it on: decimals stay strings, untouched. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KlineBar(Instant openTime, Instant closeTime, String open, String high, String low, String close,
                       String volume, String quoteVolume, Long tradeCount) {
}
