package io.trapwatch.monitorapi.domain;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.model.MonitorStateChangedValidator;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.monitorapi.support.Events;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventRulesTest {

    private final Events.Monitor m = new Events.Monitor(MarketType.SPOT, "ABCUSDT", Interval.H1, Instant.parse("2024-01-01T00:00:00Z"), "1")
            .step(MonitorStatus.EXPIRED, "expiry", 5, BigDecimal.ONE, Events.confirmationSnapshot());

    @Test
    void ofSeveralEventsPerMonitorOnlyTheHighestVersionIsKept() {
        Events.Monitor other = new Events.Monitor(MarketType.FUTURES, "ABCUSDT", Interval.H1, Instant.parse("2024-01-01T00:00:00Z"), "1");
        var newest = NewestEvents.byMonitor(List.of(m.version(2), other.version(1), m.version(1), m.version(2)));
        assertThat(newest).hasSize(2);
        assertThat(newest.get(m.key()).version()).isEqualTo(2);
        assertThat(newest.firstKey()).isEqualTo(other.key()); // sorted: "futures:..." < "spot:..."
    }

    @Test
    void timesComeFromTheEventSoReplaysReproduceThem() {
        MonitorStateChanged e = m.version(2);
        assertThat(MonitorTimes.createdAt(e)).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(MonitorTimes.updatedAt(e)).isEqualTo(Instant.parse("2025-02-01T00:00:02Z"));
        assertThat(MonitorTimes.latest(e).reason()).isEqualTo("expiry");
    }

    @Test
    void incompleteEventsAreNamedNotGuessed() {
        MonitorStateChanged ok = m.version(2);
        assertThat(MonitorStateChangedValidator.problem(ok)).isEmpty();
        assertThat(MonitorStateChangedValidator.problem(with(ok, List.of()))).contains("the transition log is empty");
        List<MonitorStateChanged.Transition> twice = new ArrayList<>(ok.transitions());
        twice.add(ok.transitions().get(1));
        assertThat(MonitorStateChangedValidator.problem(with(ok, twice))).contains("transition sequence 2 appears twice");
        MonitorStateChanged noKey = new MonitorStateChanged(ok.eventId(), 1, " ", 2, ok.marketType(), ok.symbol(), ok.interval(),
                ok.triggerTime(), ok.triggerPrice(), ok.triggerVolume(), ok.triggerHigh(), ok.triggerLow(), ok.status(),
                true, false, false, ok.lastBarTime(), ok.lastClose(), ok.transitions(), ok.occurredAt());
        assertThat(MonitorStateChangedValidator.problem(noKey)).isPresent();
    }

    private static MonitorStateChanged with(MonitorStateChanged e, List<MonitorStateChanged.Transition> log) {
        return new MonitorStateChanged(e.eventId(), 1, e.monitorKey(), e.version(), e.marketType(), e.symbol(), e.interval(),
                e.triggerTime(), e.triggerPrice(), e.triggerVolume(), e.triggerHigh(), e.triggerLow(), e.status(),
                true, false, false, e.lastBarTime(), e.lastClose(), log, e.occurredAt());
    }
}
