package io.trapwatch.monitorapi.domain;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The body of an alert (the webhook's JSON, the source of a Telegram message): one transition of one monitor.
 * {@code monitorKey} + {@code sequence} identify it across services and restarts, so a receiver can thread and
 * de-duplicate. Prices are decimal strings with every digit the exchange sent.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AlertPayload(String monitorKey, int sequence, long monitorId, String marketType, String symbol,
                           String interval, String fromStatus, String status, String reason, Instant barTime,
                           String barClose, Instant triggerTime, String triggerPrice, String triggerVolume,
                           String currentPrice, BigDecimal priceChangePercent, IndicatorSnapshotView indicators,
                           String dashboardUrl) {
}
