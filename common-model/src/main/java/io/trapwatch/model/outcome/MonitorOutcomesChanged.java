package io.trapwatch.model.outcome;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;

import java.time.Instant;
import java.util.List;

/**
 * Published by detection-service, keyed by the series, for every transaction that changed outcomes of the series
 * (decision D18): the creation of an outcome with its monitor, then the outcomes still open each time new closed
 * bars of the series were processed, and outcomes computed after the fact. One record per series and transaction
 * rather than one per outcome: a closed bar moves every open outcome of its series at once.
 *
 * @param eventId  {@code market:symbol:interval#outcomes#<last bar open time ms>}; duplicates are harmless anyway
 *                 because each outcome carries its own version
 * @param barTime  open time of the newest bar the outcomes reflect
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MonitorOutcomesChanged(
        String eventId,
        int schemaVersion,
        MarketType marketType,
        String symbol,
        Interval interval,
        Instant barTime,
        List<MonitorOutcome> outcomes,
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;

    public static String eventId(SeriesKey series, Instant barTime) {
        return series.asKafkaKey() + "#outcomes#" + barTime.toEpochMilli();
    }

    @JsonIgnore
    public SeriesKey series() {
        return new SeriesKey(marketType, symbol, interval);
    }
}
