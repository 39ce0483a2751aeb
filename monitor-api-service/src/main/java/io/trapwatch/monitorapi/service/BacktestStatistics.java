package io.trapwatch.monitorapi.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.model.outcome.Trade;
import io.trapwatch.model.outcome.TradeStatistics;
import io.trapwatch.monitorapi.domain.HistogramBuckets;
import io.trapwatch.monitorapi.repository.OutcomeRow;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backtest statistics (§9 with D12, by the one {@link TradeStatistics} function) for both exits, overall, by the
 * status the monitor has now (D18.4) and by the furthest phase it reached (an invalidated or expired monitor may
 * have been confirmed before); with the distributions of final profit and max drawdown in buckets every group
 * shares, so they can be charted side by side or stacked.
 */
@Schema(name = "BacktestStatistics")
public record BacktestStatistics(
        @JsonProperty("outcome_statuses") List<String> outcomeStatuses,
        @JsonProperty("histogram_buckets") @Schema(description = "The buckets every group's histograms count in")
        Buckets histogramBuckets,
        Group overall,
        @JsonProperty("by_status") Map<String, Group> byStatus,
        @JsonProperty("by_phase_reached") Map<String, Group> byPhaseReached) {

    /** The shared buckets: one set for final profits (both exits), one for max drawdowns. */
    @Schema(name = "BacktestHistogramBuckets")
    public record Buckets(
            @Schema(description = "Final-profit buckets (lower, lower + width] of both exits: a final profit of exactly 0 "
                    + "(a loss) falls in the bucket ending at 0") HistogramBuckets profit,
            @JsonProperty("max_drawdown") @Schema(description = "Max-drawdown buckets [lower, lower + width), from 0")
            HistogramBuckets maxDrawdown) {
    }

    /** Outcomes of one group of monitors: the hold exit, the invalidation-stop exit, and their histograms. */
    @Schema(name = "BacktestGroup")
    public record Group(int monitors, TradeStatistics hold, @JsonProperty("invalidation_stop") TradeStatistics invalidationStop,
                        Histograms histograms) {

        static Group of(Collection<OutcomeRow> rows, Buckets buckets) {
            List<Trade> hold = new ArrayList<>();
            List<Trade> stop = new ArrayList<>();
            for (OutcomeRow r : rows) {
                if (r.holdProfitPercent() != null) {
                    hold.add(new Trade(r.holdProfitPercent(), r.maxProfitPercent(), r.maxDrawdownPercent(), r.barsToLowest()));
                    stop.add(new Trade(r.stopProfitPercent(), r.maxProfitPercent(), r.maxDrawdownPercent(), r.barsToLowest()));
                }
            }
            Histograms histograms = new Histograms(buckets.profit().count(profits(hold)), buckets.profit().count(profits(stop)),
                    buckets.maxDrawdown().count(drawdowns(hold)));
            return new Group(rows.size(), TradeStatistics.of(hold), TradeStatistics.of(stop), histograms);
        }
    }

    /** Trade counts per bucket of {@link Buckets}, in bucket order; each profit histogram sums to its exit's trades. */
    @Schema(name = "BacktestHistograms")
    public record Histograms(
            @JsonProperty("hold_profit") @Schema(description = "Trades per final-profit bucket, hold exit") List<Integer> holdProfit,
            @JsonProperty("invalidation_stop_profit") @Schema(description = "Trades per final-profit bucket, invalidation-stop exit")
            List<Integer> invalidationStopProfit,
            @JsonProperty("max_drawdown") @Schema(description = "Trades per max-drawdown bucket (the drawdown over the "
                    + "observation window, as in the statistics of both exits)") List<Integer> maxDrawdown) {
    }

    public static final List<String> PHASES = List.of("pending_only", "suspected", "confirmed");

    static BacktestStatistics of(List<String> outcomeStatuses, List<OutcomeRow> rows) {
        Map<String, List<OutcomeRow>> byStatus = new LinkedHashMap<>();
        MonitorStatus.wireNames().forEach(s -> byStatus.put(s, new ArrayList<>()));
        Map<String, List<OutcomeRow>> byPhase = new LinkedHashMap<>();
        PHASES.forEach(p -> byPhase.put(p, new ArrayList<>()));
        List<BigDecimal> profits = new ArrayList<>();
        List<BigDecimal> drawdowns = new ArrayList<>();
        for (OutcomeRow r : rows) {
            byStatus.get(r.monitorStatus()).add(r);
            byPhase.get(r.phase3Passed() ? "confirmed" : r.phase2Passed() ? "suspected" : "pending_only").add(r);
            if (r.holdProfitPercent() != null) {
                profits.add(r.holdProfitPercent());
                profits.add(r.stopProfitPercent());
                if (r.maxDrawdownPercent() != null) {
                    drawdowns.add(r.maxDrawdownPercent());
                }
            }
        }
        Buckets buckets = new Buckets(HistogramBuckets.forProfits(profits), HistogramBuckets.forDrawdowns(drawdowns));
        Map<String, Group> status = new LinkedHashMap<>();
        byStatus.forEach((k, v) -> status.put(k, Group.of(v, buckets)));
        Map<String, Group> phase = new LinkedHashMap<>();
        byPhase.forEach((k, v) -> phase.put(k, Group.of(v, buckets)));
        return new BacktestStatistics(outcomeStatuses, buckets, Group.of(rows, buckets), status, phase);
    }

    private static List<BigDecimal> profits(List<Trade> trades) {
        return trades.stream().map(Trade::finalProfitPercent).toList();
    }

    private static List<BigDecimal> drawdowns(List<Trade> trades) {
        return trades.stream().map(Trade::maxDrawdownPercent).filter(d -> d != null).toList();
    }
}
