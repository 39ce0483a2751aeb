package io.trapwatch.detection.domain;

import io.trapwatch.model.MonitorStatus;

/**
 * A monitor as the service stores it: the trigger bar's exact values, the status and the
 * phase flags (flags are never reset, not even by invalidation).
 *
 * @param triggerTime open time of the trigger bar (epoch millis); identifies the monitor within its series
 * @param confirmTime open time of the bar that moved it to {@code suspected_abandonment}, {@code -1} before that
 */
public record MonitorState(long triggerTime, double triggerClose, double triggerHigh, double triggerLow,
                           double triggerVolume, MonitorStatus status, long confirmTime,
                           boolean phase1Passed, boolean phase2Passed, boolean phase3Passed) {

    /** {@link #confirmTime} of a monitor that has not been confirmed. */
    public static final long NOT_CONFIRMED = -1;
}
