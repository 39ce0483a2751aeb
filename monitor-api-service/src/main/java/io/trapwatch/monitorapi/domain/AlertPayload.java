package io.trapwatch.monitorapi.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The body of an alert (the webhook's JSON, the source of a Telegram message): one transition of one monitor.
 * {@code monitorKey} + {@code sequence} identify it across services and restarts, so a receiver can thread and
 * de-duplicate. Prices are decimal strings with every digit the exchange sent. JSON names by annotation only, so the
 * domain stays free of Jackson's databind (like the wire types).
 */
public record AlertPayload(
        @JsonProperty("monitor_key") String monitorKey,
        @JsonProperty("sequence") int sequence,
        @JsonProperty("monitor_id") long monitorId,
        @JsonProperty("market_type") String marketType,
        @JsonProperty("symbol") String symbol,
        @JsonProperty("interval") String interval,
        @JsonProperty("from_status") String fromStatus,
        @JsonProperty("status") String status,
        @JsonProperty("reason") String reason,
        @JsonProperty("bar_time") Instant barTime,
        @JsonProperty("bar_close") String barClose,
        @JsonProperty("trigger_time") Instant triggerTime,
        @JsonProperty("trigger_price") String triggerPrice,
        @JsonProperty("trigger_volume") String triggerVolume,
        @JsonProperty("current_price") String currentPrice,
        @JsonProperty("price_change_percent") BigDecimal priceChangePercent,
        @JsonProperty("indicators") IndicatorSnapshotView indicators,
        @JsonProperty("dashboard_url") String dashboardUrl) {
}
