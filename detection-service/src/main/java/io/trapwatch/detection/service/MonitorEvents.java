package io.trapwatch.detection.service;

import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.detection.repository.MonitorRows;
import io.trapwatch.model.MonitorStateChanged;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The full view of a monitor after a change, as published: consumers never need to call back. */
final class MonitorEvents {

    private MonitorEvents() {
    }

    /** {@code m} as stored after the change, {@code transitions} its whole log, oldest first. */
    static MonitorStateChanged changed(MonitorRows.Monitor m, List<MonitorRows.Transition> transitions, Instant occurredAt) {
        List<MonitorStateChanged.Transition> log = transitions.stream().map(MonitorEvents::transition).toList();
        return new MonitorStateChanged(MonitorStateChanged.eventId(m.monitorKey(), m.version()),
                MonitorStateChanged.SCHEMA_VERSION, m.monitorKey(), m.version(), m.marketType(), m.symbol(), m.interval(),
                m.triggerTime(), exact(m.triggerPrice()), exact(m.triggerVolume()), exact(m.triggerHigh()),
                exact(m.triggerLow()), m.status(), m.phase1Passed(), m.phase2Passed(), m.phase3Passed(), m.lastBarTime(),
                exact(m.lastClose()), log, occurredAt);
    }

    private static MonitorStateChanged.Transition transition(MonitorRows.Transition t) {
        return new MonitorStateChanged.Transition(t.sequence(), t.fromStatus(), t.toStatus(), t.barTime(),
                exact(t.barClose()), t.reason(), t.indicators(), t.recordedAt());
    }

    private static BigDecimal exact(BigDecimal value) {
        return ClosedBar.exact(value);
    }
}
