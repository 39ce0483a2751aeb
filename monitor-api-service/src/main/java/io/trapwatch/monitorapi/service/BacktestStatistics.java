package io.trapwatch.monitorapi.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.model.outcome.Trade;
import io.trapwatch.model.outcome.TradeStatistics;
import io.trapwatch.monitorapi.repository.OutcomeRow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backtest statistics (§9 with D12, by the one {@link TradeStatistics} function) for both exits, overall, by the
 * status the monitor has now (D18.4) and by the furthest phase it reached (an invalidated or expired monitor may
 * have been confirmed before).
 */
public record BacktestStatistics(
        @JsonProperty("outcome_statuses") List<String> outcomeStatuses,
        Group overall,
        @JsonProperty("by_status") Map<String, Group> byStatus,
        @JsonProperty("by_phase_reached") Map<String, Group> byPhaseReached) {

    /** Outcomes of one group of monitors: the hold exit and the invalidation-stop exit. */
    public record Group(int monitors, TradeStatistics hold, @JsonProperty("invalidation_stop") TradeStatistics invalidationStop) {

        static Group of(Collection<OutcomeRow> rows) {
            List<Trade> hold = new ArrayList<>();
            List<Trade> stop = new ArrayList<>();
            for (OutcomeRow r : rows) {
                if (r.holdProfitPercent() != null) {
                    hold.add(new Trade(r.holdProfitPercent(), r.maxProfitPercent(), r.maxDrawdownPercent(), r.barsToLowest()));
                    stop.add(new Trade(r.stopProfitPercent(), r.maxProfitPercent(), r.maxDrawdownPercent(), r.barsToLowest()));
                }
            }
            return new Group(rows.size(), TradeStatistics.of(hold), TradeStatistics.of(stop));
        }
    }

    public static final List<String> PHASES = List.of("pending_only", "suspected", "confirmed");

    static BacktestStatistics of(List<String> outcomeStatuses, List<OutcomeRow> rows) {
        Map<String, List<OutcomeRow>> byStatus = new LinkedHashMap<>();
        MonitorStatus.wireNames().forEach(s -> byStatus.put(s, new ArrayList<>()));
        Map<String, List<OutcomeRow>> byPhase = new LinkedHashMap<>();
        PHASES.forEach(p -> byPhase.put(p, new ArrayList<>()));
        for (OutcomeRow r : rows) {
            byStatus.get(r.monitorStatus()).add(r);
            byPhase.get(r.phase3Passed() ? "confirmed" : r.phase2Passed() ? "suspected" : "pending_only").add(r);
        }
        Map<String, Group> status = new LinkedHashMap<>();
        byStatus.forEach((k, v) -> status.put(k, Group.of(v)));
        Map<String, Group> phase = new LinkedHashMap<>();
        byPhase.forEach((k, v) -> phase.put(k, Group.of(v)));
        return new BacktestStatistics(outcomeStatuses, Group.of(rows), status, phase);
    }
}
