package io.trapwatch.detection.service;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.detection.repository.Monitor;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A monitor with its transition log, as the monitor API shows it (snake_case, decimals as exact strings).
 * Used for this service's own monitor listing and for the monitors a dry-run scan would have produced.
 */
public record MonitorView(
        @JsonProperty("monitor_key") String monitorKey,
        @JsonProperty("market_type") MarketType marketType,
        String symbol,
        Interval interval,
        @JsonProperty("trigger_time") Instant triggerTime,
        @JsonProperty("trigger_price") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal triggerPrice,
        @JsonProperty("trigger_volume") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal triggerVolume,
        @JsonProperty("trigger_high") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal triggerHigh,
        @JsonProperty("trigger_low") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal triggerLow,
        MonitorStatus status,
        @JsonProperty("phase_1_passed") boolean phase1Passed,
        @JsonProperty("phase_2_passed") boolean phase2Passed,
        @JsonProperty("phase_3_passed") boolean phase3Passed,
        @JsonProperty("confirm_time") Instant confirmTime,
        @JsonProperty("last_bar_time") Instant lastBarTime,
        @JsonProperty("last_close") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal lastClose,
        int version,
        List<TransitionView> transitions) {

    public record TransitionView(
            int sequence,
            MonitorStatus from,
            MonitorStatus to,
            @JsonProperty("bar_time") Instant barTime,
            @JsonProperty("bar_close") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal barClose,
            String reason,
            Map<String, Object> indicators,
            @JsonProperty("recorded_at") Instant recordedAt) {
    }

    public static MonitorView of(Monitor m) {
        List<TransitionView> log = m.transitions.stream()
                .map(t -> new TransitionView(t.sequence, t.fromStatus, t.toStatus, t.barTime, ClosedBar.exact(t.barClose),
                        t.reason, t.indicators, t.recordedAt))
                .toList();
        return new MonitorView(m.monitorKey, m.marketType, m.symbol, m.interval, m.triggerTime,
                ClosedBar.exact(m.triggerPrice), ClosedBar.exact(m.triggerVolume), ClosedBar.exact(m.triggerHigh),
                ClosedBar.exact(m.triggerLow), m.status, m.phase1Passed, m.phase2Passed, m.phase3Passed, m.confirmTime,
                m.lastBarTime, ClosedBar.exact(m.lastClose), m.version, log);
    }
}
