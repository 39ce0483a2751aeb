package io.trapwatch.monitorapi.domain;

import io.trapwatch.model.MonitorStateChanged;

import java.time.Instant;

/**
 * Timestamps of the read model, taken from the event alone so that replaying the topic reproduces them:
 * created = when the creation transition was recorded, updated = when the newest applied event occurred.
 */
public final class MonitorTimes {

    private MonitorTimes() {
    }

    /** The transition with the highest sequence (logs are normally in order, but the read model does not rely on it). */
    public static MonitorStateChanged.Transition latest(MonitorStateChanged e) {
        MonitorStateChanged.Transition latest = e.transitions().get(0);
        for (MonitorStateChanged.Transition t : e.transitions()) {
            if (t.sequence() > latest.sequence()) {
                latest = t;
            }
        }
        return latest;
    }

    public static MonitorStateChanged.Transition first(MonitorStateChanged e) {
        MonitorStateChanged.Transition first = e.transitions().get(0);
        for (MonitorStateChanged.Transition t : e.transitions()) {
            if (t.sequence() < first.sequence()) {
                first = t;
            }
        }
        return first;
    }

    public static Instant createdAt(MonitorStateChanged e) {
        MonitorStateChanged.Transition creation = first(e);
        return creation.recordedAt() != null ? creation.recordedAt() : creation.barTime();
    }

    public static Instant updatedAt(MonitorStateChanged e) {
        if (e.occurredAt() != null) {
            return e.occurredAt();
        }
        MonitorStateChanged.Transition latest = latest(e);
        return latest.recordedAt() != null ? latest.recordedAt() : latest.barTime();
    }
}
