package io.trapwatch.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Published by detection-service once per monitor transition (creation included), keyed by the
 * monitor's series. It carries the whole monitor after the change, its complete transition log
 * with the indicator snapshot of each transition, so a consumer never calls back and a consumer
 * that sees only the newest version of a monitor still has everything.
 *
 * <p>{@code version} counts the monitor's transitions (1 = creation). A consumer keeps the highest
 * version it has seen and ignores older or equal ones, which makes redelivery and reordering harmless.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MonitorStateChanged(
        String eventId,
        int schemaVersion,
        String monitorKey,
        int version,
        MarketType marketType,
        String symbol,
        Interval interval,
        Instant triggerTime,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal triggerPrice,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal triggerVolume,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal triggerHigh,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal triggerLow,
        MonitorStatus status,
        boolean phase1Passed,
        boolean phase2Passed,
        boolean phase3Passed,
        Instant lastBarTime,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal lastClose,
        List<Transition> transitions,
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;

    /** Deterministic: the same transition always gets the same id, whoever publishes it. */
    public static String eventId(String monitorKey, int version) {
        return monitorKey + "#" + version;
    }

    /** Identity of a monitor across services: series plus trigger bar (at most one monitor per trigger bar). */
    public static String monitorKey(SeriesKey series, Instant triggerTime) {
        return series.asKafkaKey() + ":" + triggerTime.toEpochMilli();
    }

    @JsonIgnore
    public SeriesKey series() {
        return new SeriesKey(marketType, symbol, interval);
    }

    /** The transition this event announces (the last one of the log). */
    @JsonIgnore
    public Transition latest() {
        return transitions.get(transitions.size() - 1);
    }

    /**
     * One step of the monitor's life. {@code from} is null for the creation. {@code barTime} is the
     * open time of the bar that caused it. {@code indicators} holds every detector value of that
     * evaluation (numbers, booleans), keyed by snake_case names such as {@code rvol_ratio}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Transition(
            int sequence,
            MonitorStatus from,
            MonitorStatus to,
            Instant barTime,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal barClose,
            String reason,
            Map<String, Object> indicators,
            Instant recordedAt) {
    }
}
