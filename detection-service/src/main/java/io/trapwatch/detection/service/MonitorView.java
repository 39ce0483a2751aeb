package io.trapwatch.detection.service;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.detection.repository.MonitorEntity;
import io.trapwatch.detection.repository.MonitorTransitionEntity;
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
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MonitorView(
        String monitorKey,
        MarketType marketType,
        String symbol,
        Interval interval,
        Instant triggerTime,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal triggerPrice,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal triggerVolume,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal triggerHigh,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal triggerLow,
        MonitorStatus status,
        @JsonProperty("phase_1_passed") boolean phase1Passed,
        @JsonProperty("phase_2_passed") boolean phase2Passed,
        @JsonProperty("phase_3_passed") boolean phase3Passed,
        Instant confirmTime,
        Instant lastBarTime,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal lastClose,
        int version,
        List<TransitionView> transitions) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TransitionView(int sequence, MonitorStatus from, MonitorStatus to, Instant barTime,
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal barClose, String reason,
                                 Map<String, Object> indicators, Instant recordedAt) {

        static TransitionView of(MonitorTransitionEntity t) {
            return new TransitionView(t.sequence, t.fromStatus, t.toStatus, t.barTime, ClosedBar.exact(t.barClose),
                    t.reason, t.indicators, t.recordedAt);
        }
    }

    public static MonitorView of(MonitorEntity m) {
        return new MonitorView(m.monitorKey, m.marketType, m.symbol, m.interval, m.triggerTime,
                ClosedBar.exact(m.triggerPrice), ClosedBar.exact(m.triggerVolume), ClosedBar.exact(m.triggerHigh),
                ClosedBar.exact(m.triggerLow), m.status, m.phase1Passed, m.phase2Passed, m.phase3Passed, m.confirmTime,
                m.lastBarTime, ClosedBar.exact(m.lastClose), m.version,
                m.transitions.stream().map(TransitionView::of).toList());
    }
}
