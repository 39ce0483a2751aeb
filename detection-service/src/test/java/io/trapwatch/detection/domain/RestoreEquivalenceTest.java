package io.trapwatch.detection.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * An engine restored from the latest {@link SeriesEngine#historyNeeded} bars and the open
 * monitors continues exactly like the engine that saw the whole series: same transitions, same
 * indicator values, same open monitors, for a cut after every bar.
 */
class RestoreEquivalenceTest {

    private static final DetectionSettings DEFAULTS = DetectionSettings.defaults();
    private static final int REAL_SERIES = 6;

    static Stream<Arguments> plantedScenarios() {
        List<List<Bar>> scenarios = Scenarios.all();
        return IntStream.range(0, scenarios.size()).mapToObj(k -> Arguments.of("scenario " + k, scenarios.get(k)));
    }

    /** The real series with the most transitions. */
    static Stream<Arguments> busiestRealSeries() {
        return KlineFile.under(KlineFile.resource("parity")).stream()
                .map(RankedSeries::of)
                .sorted(Comparator.comparingInt(RankedSeries::transitions).reversed())
                .limit(REAL_SERIES)
                .map(series -> Arguments.of(series.name(), series.bars()));
    }

    private record RankedSeries(String name, List<Bar> bars, int transitions) {
        static RankedSeries of(Path file) {
            List<Bar> bars = KlineFile.bars(file);
            String name = file.getParent().getFileName() + "/" + file.getFileName();
            return new RankedSeries(name, bars, EngineRuns.run(DEFAULTS, bars).size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"plantedScenarios", "busiestRealSeries"})
    void restoredEngineContinuesIdentically(String name, List<Bar> bars) {
        int history = SeriesEngine.historyNeeded(DEFAULTS);
        List<List<Transition>> expected = new ArrayList<>();
        SeriesEngine whole = new SeriesEngine(DEFAULTS);
        bars.forEach(bar -> expected.add(whole.onBar(bar)));

        SeriesEngine stepping = new SeriesEngine(DEFAULTS);
        for (int cut = 0; cut <= bars.size(); cut++) {
            if (cut > 0) {
                stepping.onBar(bars.get(cut - 1));
            }
            // Alternate between exactly the history needed and more than needed.
            int kept = cut % 2 == 0 ? history : 3 * history;
            SeriesEngine restored = SeriesEngine.restore(DEFAULTS, bars.subList(Math.max(0, cut - kept), cut),
                    stepping.openMonitors());
            for (int next = cut; next < bars.size(); next++) {
                List<Transition> actual = restored.onBar(bars.get(next));
                if (!actual.equals(expected.get(next))) {
                    fail("%s cut after %d bars: bar %d gave %s, expected %s", name, cut, next, actual, expected.get(next));
                }
            }
            assertThat(restored.openMonitors()).isEqualTo(whole.openMonitors());
        }
    }
}
