package io.trapwatch.detection.domain;

import io.trapwatch.model.MonitorStatus;

import java.util.Map;

/**
 * One status change of a monitor (creation included), caused by one closed bar (decision D16: each transition is
 * stored with its bar and detector values and published once).
 *
 * @param from       previous status, {@code null} for the creation
 * @param reason     {@code discovery}, {@code confirmation}, {@code validation}, {@code invalidation} or {@code expiry}
 * @param indicators the detector values behind the decision (D17.4): snake_case keys, unrounded
 *                   {@code Double}, {@code Boolean} or {@code Integer} values, {@code null} where a
 *                   detector could not compute; in decision order
 * @param after      the monitor after the change
 */
public record Transition(long triggerTime, MonitorStatus from, MonitorStatus to, long barOpenTime, double barClose,
                         String reason, Map<String, Object> indicators, MonitorState after) {

    public static final String DISCOVERY = "discovery";
    public static final String CONFIRMATION = "confirmation";
    public static final String VALIDATION = "validation";
    public static final String INVALIDATION = "invalidation";
    public static final String EXPIRY = "expiry";
}
