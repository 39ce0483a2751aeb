package io.trapwatch.marketdata.repository;

import io.trapwatch.model.Kline;
import io.trapwatch.model.SeriesKey;

/** A queued kline-closed event: the outbox row id and the stored bar it announces. */
public record KlineOutboxRow(long id, SeriesKey series, Kline kline) {
}
