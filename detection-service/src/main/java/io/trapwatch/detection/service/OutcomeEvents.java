package io.trapwatch.detection.service;

import io.trapwatch.detection.domain.Outcome;
import io.trapwatch.detection.domain.OutcomeState;
import io.trapwatch.model.outcome.MonitorOutcome;

import java.math.BigDecimal;
import java.time.Instant;

/** The published form of an outcome. */
public final class OutcomeEvents {

    private OutcomeEvents() {
    }

    public static MonitorOutcome of(String monitorKey, int version, OutcomeState state) {
        Outcome o = Outcome.of(state);
        return new MonitorOutcome(monitorKey, version, Instant.ofEpochMilli(state.triggerTime()),
                BigDecimal.valueOf(state.triggerClose()), o.status(), o.observationBars(), o.barsObserved(),
                time(o.entryTime()), o.entryPrice(), time(o.lowestTime()), o.lowestPrice(), o.barsToLowest(),
                o.maxProfitPercent(), o.hasRebound(), o.reboundHighPrice(), o.reboundPercent(), o.maxDrawdownPercent(),
                exit(o.hold()), exit(o.invalidationStop()));
    }

    private static MonitorOutcome.Exit exit(Outcome.Exit e) {
        return e == null ? null : new MonitorOutcome.Exit(Instant.ofEpochMilli(e.time()), e.price(),
                e.finalProfitPercent(), e.profitable(),
                e.byInvalidation() ? MonitorOutcome.Exit.INVALIDATION : MonitorOutcome.Exit.WINDOW_END);
    }

    private static Instant time(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
