package io.trapwatch.detection.service;

import io.trapwatch.detection.support.DetectionFixture;
import io.trapwatch.detection.support.PlantedBars;
import io.trapwatch.detection.support.PlantedLifecycle;
import io.trapwatch.detection.support.ServiceTest;
import io.trapwatch.model.Kline;
import io.trapwatch.model.SeriesKey;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart in the middle of a series: the in-memory engines are forgotten, and the next bars rebuild them
 * from this service's own tables. The outcome equals an uninterrupted run.
 */
@ServiceTest
class RestartTest {

    @Inject
    EngineCache engines;

    @Inject
    DetectionFixture fixture;

    @Test
    void restartsInsideEveryPhaseGiveTheUninterruptedResult() {
        SeriesKey series = DetectionFixture.uniqueSpotSeries("RST");
        List<Kline> bars = PlantedBars.bars();
        // Restart while pending (42), while suspected (50), with a confirmed monitor open (100) and while pending again (130).
        int[] cuts = {42, 50, 100, 130, PlantedBars.COUNT};
        int from = 0;
        for (int cut : cuts) {
            fixture.publish(series, bars.subList(from, cut));
            fixture.awaitCursor(series, PlantedBars.openTime(cut - 1));
            engines.forgetAll();
            from = cut;
        }
        PlantedLifecycle.assertMonitors(fixture.monitors(series));
        PlantedLifecycle.assertEvents(fixture.events(series, PlantedLifecycle.TRANSITIONS));
        assertThat(fixture.count("SELECT bars_processed FROM detection.series_state WHERE symbol = ?", series.symbol()))
                .isEqualTo(PlantedBars.COUNT);
    }
}
