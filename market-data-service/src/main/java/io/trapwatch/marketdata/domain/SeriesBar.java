package io.trapwatch.marketdata.domain;

import io.trapwatch.model.Kline;
import io.trapwatch.model.SeriesKey;

/** One closed bar of one series, as the stream delivers them: many series in one batch. */
public record SeriesBar(SeriesKey series, Kline kline) {
}
