package io.trapwatch.detection.repository;

import io.trapwatch.detection.domain.OutcomeState;

/**
 * One stored outcome: the tracker's raw state under the monitor's key.
 *
 * @param version counts the changes; each change is published with it, so consumers keep the newest
 */
public record MonitorOutcomeRow(String monitorKey, long seriesId, int version, OutcomeState state) {

    /** The next version of this outcome with a new state. */
    public MonitorOutcomeRow next(OutcomeState newState) {
        return new MonitorOutcomeRow(monitorKey, seriesId, version + 1, newState);
    }
}
