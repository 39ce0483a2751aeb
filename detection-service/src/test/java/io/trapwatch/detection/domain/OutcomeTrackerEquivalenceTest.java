package io.trapwatch.detection.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bar-by-bar outcome equals the one computed from the whole window, after every bar, on every real series of
 * the parity set — also when the tracker is rebuilt from its stored state halfway (a restart).
 */
class OutcomeTrackerEquivalenceTest {

    @ParameterizedTest
    @ValueSource(ints = {30, 5, 0})
    void incrementalEqualsBatchAfterEveryBar(int observationBars) {
        int compared = 0;
        for (Path file : KlineFile.under(KlineFile.resource("parity"))) {
            List<Bar> bars = KlineFile.bars(file);
            // Every 13th bar as a trigger; with an unlimited window, 60 bars after it are enough to show the point.
            for (int trigger = 0; trigger < bars.size(); trigger += 37) {
                Bar t = bars.get(trigger);
                OutcomeTracker tracker = OutcomeTracker.start(t.openTime(), t.close(), observationBars);
                int last = Math.min(bars.size() - 1, trigger + (observationBars == 0 ? 60 : observationBars + 3));
                for (int j = trigger + 1; j <= last; j++) {
                    tracker.onBar(bars.get(j));
                    if (j == (trigger + last) / 2) {
                        tracker = OutcomeTracker.restore(tracker.state());
                    }
                    OutcomeState batch = OutcomeCalculator.compute(bars.subList(0, j + 1), trigger, observationBars);
                    assertThat(tracker.state()).as("%s trigger %d after bar %d", file.getFileName(), trigger, j)
                            .isEqualTo(batch);
                    assertThat(Outcome.of(tracker.state())).isEqualTo(Outcome.of(batch));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(3_000);
    }
}
