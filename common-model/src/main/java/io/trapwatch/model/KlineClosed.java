package io.trapwatch.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * Published by market-data-service once per newly stored closed bar, keyed by {@link SeriesKey}.
 * The event id is deterministic (series + open time), so a consumer can drop a redelivery by id alone.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KlineClosed(
        String eventId,
        int schemaVersion,
        MarketType marketType,
        String symbol,
        Interval interval,
        Kline kline,
        Instant publishedAt) {

    public static final int SCHEMA_VERSION = 1;

    public static KlineClosed of(SeriesKey series, Kline kline, Instant publishedAt) {
        return new KlineClosed(eventId(series, kline.openTime()), SCHEMA_VERSION,
                series.marketType(), series.symbol(), series.interval(), kline, publishedAt);
    }

    public static String eventId(SeriesKey series, Instant openTime) {
        return series.asKafkaKey() + ":" + openTime.toEpochMilli();
    }

    @JsonIgnore
    public SeriesKey series() {
        return new SeriesKey(marketType, symbol, interval);
    }
}
