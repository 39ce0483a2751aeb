package io.trapwatch.marketdata.repository;

import io.trapwatch.model.Kline;
import io.trapwatch.model.SeriesKey;

import java.time.Instant;

/** A queued kline-closed event: the outbox row id, the stored bar it announces and when it was queued. */
public record KlineOutboxRow(long id, SeriesKey series, Kline kline, Instant queuedAt) {
}
