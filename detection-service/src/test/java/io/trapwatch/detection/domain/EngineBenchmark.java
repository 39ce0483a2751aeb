package io.trapwatch.detection.domain;

import io.trapwatch.model.MonitorStatus;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput of {@link SeriesEngine} over every kline file of a directory (not a test; see
 * BENCHMARK.md). Files are parsed once up front; only the engine runs are timed.
 */
public final class EngineBenchmark {

    private static final int WARM_UP_ROUNDS = 5;
    private static final int MEASURED_ROUNDS = 10;

    private EngineBenchmark() {
    }

    public static void main(String[] args) {
        Path directory = Path.of(args.length > 0 ? args[0] : "/work/shared/data/binance");
        List<List<Bar>> series = KlineFile.under(directory).stream().map(KlineFile::bars).toList();
        long bars = series.stream().mapToLong(List::size).sum();
        System.out.printf("%d series, %d bars from %s%n", series.size(), bars, directory);

        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            runAll(series);
        }
        long best = Long.MAX_VALUE;
        long total = 0;
        Map<MonitorStatus, Integer> transitions = Map.of();
        for (int round = 0; round < MEASURED_ROUNDS; round++) {
            long start = System.nanoTime();
            transitions = runAll(series);
            long elapsed = System.nanoTime() - start;
            best = Math.min(best, elapsed);
            total += elapsed;
        }
        System.out.printf("mean %.0f bars/s, best %.0f bars/s over %d rounds%n",
                bars * 1e9 * MEASURED_ROUNDS / total, bars * 1e9 / best, MEASURED_ROUNDS);
        System.out.println("transitions per run by target status: " + transitions);
    }

    /** One pass of every series through a fresh engine; counts the transitions by target status. */
    private static Map<MonitorStatus, Integer> runAll(List<List<Bar>> series) {
        Map<MonitorStatus, Integer> counts = new EnumMap<>(MonitorStatus.class);
        for (List<Bar> bars : series) {
            SeriesEngine engine = new SeriesEngine(DetectionSettings.defaults());
            for (Bar bar : bars) {
                for (Transition transition : engine.onBar(bar)) {
                    counts.merge(transition.to(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
