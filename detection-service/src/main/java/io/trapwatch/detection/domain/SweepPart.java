package io.trapwatch.detection.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.model.outcome.OutcomeStatus;
import io.trapwatch.model.outcome.Trade;
import io.trapwatch.model.outcome.TradeStatistics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one combination produced on one part of the data: monitors by final status and the statistics of their
 * completed outcomes (§9 with D12's fixes: total is the sum, worst drawdown the largest, no error for a profit
 * factor without losses) for both exits.
 */
public record SweepPart(int monitors, @JsonProperty("monitors_by_status") Map<String, Integer> monitorsByStatus,
                        @JsonProperty("completed_outcomes") int completedOutcomes, TradeStatistics hold,
                        @JsonProperty("invalidation_stop") TradeStatistics invalidationStop) {

    public static SweepPart of(Collection<SeriesBacktest.MonitorResult> results) {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (MonitorStatus s : MonitorStatus.values()) {
            byStatus.put(s.wire(), 0);
        }
        List<Trade> hold = new ArrayList<>();
        List<Trade> stop = new ArrayList<>();
        for (SeriesBacktest.MonitorResult r : results) {
            byStatus.merge(r.status().wire(), 1, Integer::sum);
            if (r.outcome().status() == OutcomeStatus.COMPLETED) {
                Outcome o = Outcome.of(r.outcome());
                hold.add(o.trade(false));
                stop.add(o.trade(true));
            }
        }
        return new SweepPart(results.size(), byStatus, hold.size(), TradeStatistics.of(hold), TradeStatistics.of(stop));
    }
}
