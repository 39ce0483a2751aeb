package io.trapwatch.detection.domain;

import io.trapwatch.model.outcome.OutcomeStatus;
import io.trapwatch.model.outcome.Trade;
import io.trapwatch.model.outcome.TradeStatistics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints, for a directory laid out like {@code ../shared/data/binance} (1h, 4h and 1d USDT files of both markets):
 * the outcome statistics of every monitor the engine finds at default thresholds — overall, by current status and by
 * the phase reached, for both exits — and the best three of the benchmark's 100-combination sweep grid by the
 * sweep's default ranking, through the same domain code as the sweep endpoint (not a test; see BENCHMARKS.md).
 */
public final class BacktestFigures {

    private BacktestFigures() {
    }

    public static void main(String[] args) {
        Path directory = Path.of(args.length > 0 ? args[0] : "/work/shared/data/binance");
        int observationBars = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        List<SeriesBacktest.MonitorResult> all = new ArrayList<>();
        List<List<Bar>> read = new ArrayList<>();
        int series = 0;
        for (Path file : KlineFile.under(directory)) {
            String name = file.getFileName().toString();
            if (!name.matches("[A-Z0-9]+USDT-(1h|4h|1d)\\.json")) {
                continue;
            }
            series++;
            List<Bar> bars = KlineFile.bars(file);
            read.add(bars);
            all.addAll(SeriesBacktest.run(DetectionSettings.defaults(), bars, bars.size(), observationBars).before());
        }
        System.out.printf("%d series, %d monitors, observation_bars=%d%n", series, all.size(), observationBars);
        Map<String, List<SeriesBacktest.MonitorResult>> groups = new LinkedHashMap<>();
        groups.put("all", all);
        for (SeriesBacktest.MonitorResult r : all) {
            groups.computeIfAbsent("status " + r.status().wire(), k -> new ArrayList<>()).add(r);
            groups.computeIfAbsent("reached " + (r.phaseReached() == 3 ? "confirmed" : r.phaseReached() == 2 ? "suspected" : "pending only"),
                    k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<SeriesBacktest.MonitorResult>> g : groups.entrySet()) {
            List<Trade> hold = new ArrayList<>();
            List<Trade> stop = new ArrayList<>();
            for (SeriesBacktest.MonitorResult r : g.getValue()) {
                if (r.outcome().status() == OutcomeStatus.COMPLETED) {
                    hold.add(Outcome.of(r.outcome()).trade(false));
                    stop.add(Outcome.of(r.outcome()).trade(true));
                }
            }
            System.out.printf("%-28s monitors %3d | hold: %s | stop: %s%n", g.getKey(), g.getValue().size(),
                    brief(TradeStatistics.of(hold)), brief(TradeStatistics.of(stop)));
        }
        sweep(read, observationBars);
    }

    /** The benchmark's grid: 10 RVOL × 10 amplitude thresholds. */
    static final Map<String, Object> GRID = Map.of(
            "rvol_threshold", List.of(4, 5, 6, 7, 8, 10, 12, 15, 20, 25),
            "amplitude_threshold", List.of(1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8, 10));

    private static void sweep(List<List<Bar>> series, int observationBars) {
        SweepGrid grid = SweepGrid.of(new java.util.LinkedHashMap<>(new java.util.TreeMap<>(GRID)), DetectionSettings.defaults());
        long start = System.nanoTime();
        List<Map.Entry<Integer, SweepPart>> parts = java.util.stream.IntStream.range(0, grid.size()).parallel().mapToObj(n -> {
            List<SeriesBacktest.MonitorResult> results = new ArrayList<>();
            for (List<Bar> bars : series) {
                results.addAll(SeriesBacktest.run(grid.settings(n), bars, bars.size(), observationBars).before());
            }
            return Map.entry(n, SweepPart.of(results));
        }).sorted(SweepRanking.by(SweepRanking.DEFAULT, Map.Entry::getValue, Map.Entry::getKey)).toList();
        System.out.printf("sweep: %d combinations in %d ms (engine and outcomes only, %d threads)%n", grid.size(),
                (System.nanoTime() - start) / 1_000_000, Runtime.getRuntime().availableProcessors());
        print("best three", parts.subList(0, 3), grid);
        // The same ranking among combinations with at least 10 completed trades (a handful of trades says little).
        print("best three with >= 10 trades", parts.stream().filter(e -> e.getValue().completedOutcomes() >= 10).limit(3).toList(), grid);
    }

    private static void print(String title, List<Map.Entry<Integer, SweepPart>> parts, SweepGrid grid) {
        System.out.println(title + ":");
        for (int i = 0; i < parts.size(); i++) {
            SweepPart p = parts.get(i).getValue();
            System.out.printf("  #%d %s monitors %d | stop: %s | hold: %s%n", i + 1, grid.combination(parts.get(i).getKey()),
                    p.monitors(), brief(p.invalidationStop()), brief(p.hold()));
        }
    }

    private static String brief(TradeStatistics s) {
        return String.format("trades %d win %s%% avg %s%% median %s%% pf %s%s dd %s%%", s.totalTrades(), s.winRate(),
                s.avgProfitPercent(), s.medianProfitPercent(), s.profitFactor(), s.profitFactorInfinite() ? "(inf)" : "",
                s.avgMaxDrawdown());
    }
}
