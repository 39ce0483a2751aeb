package io.trapwatch.monitorapi.repository;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;

import java.time.Instant;

/** What the projector needs to know about a monitor it already holds. */
public record StoredMonitor(long id, String monitorKey, int version, int latestSequence, MarketType marketType, Interval interval,
                            MonitorStatus status, Instant triggerTime) {
}
