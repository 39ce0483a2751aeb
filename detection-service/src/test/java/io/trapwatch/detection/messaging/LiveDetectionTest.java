package io.trapwatch.detection.messaging;

import io.trapwatch.detection.support.DetectionFixture;
import io.trapwatch.detection.support.MarketDataStub;
import io.trapwatch.detection.support.PlantedBars;
import io.trapwatch.detection.support.PlantedLifecycle;
import io.trapwatch.detection.support.ServiceTest;
import io.trapwatch.model.Kline;
import io.trapwatch.model.KlineClosed;
import io.trapwatch.model.SeriesKey;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The live path end to end: kline-closed on the real broker → PostgreSQL → monitor-state-changed on the broker. */
@ServiceTest
class LiveDetectionTest {

    @Inject
    DetectionFixture fixture;

    @Test
    void plantedPumpsWalkThroughEveryPhaseWithOneEventPerTransition() {
        SeriesKey series = DetectionFixture.uniqueSpotSeries("LIVE");
        List<Kline> bars = PlantedBars.bars();
        fixture.publish(series, bars);
        fixture.awaitCursor(series, PlantedBars.openTime(PlantedBars.COUNT - 1));

        PlantedLifecycle.assertMonitors(fixture.monitors(series));
        PlantedLifecycle.assertEvents(fixture.events(series, PlantedLifecycle.TRANSITIONS));
        assertThat(fixture.count("SELECT count(*) FROM detection.series_bar b JOIN detection.series_state s ON s.id = b.series_id "
                + "WHERE s.symbol = ?", series.symbol())).isEqualTo(PlantedBars.COUNT);
        assertThat(fixture.count("SELECT count(*) FROM detection.indicator_snapshot i JOIN detection.monitor_transition t "
                + "ON t.id = i.transition_id JOIN detection.monitor m ON m.id = t.monitor_id WHERE m.symbol = ?", series.symbol()))
                .isEqualTo(PlantedLifecycle.TRANSITIONS);
        // Nothing of this series stayed unpublished.
        assertThat(fixture.count("SELECT count(*) FROM detection.outbox WHERE message_key = ?", series.asKafkaKey())).isZero();
    }

    @Test
    void everyEventDeliveredTwiceChangesNothing() {
        SeriesKey series = DetectionFixture.uniqueSpotSeries("DUP");
        List<Kline> twice = new ArrayList<>();
        for (Kline k : PlantedBars.bars()) {
            twice.add(k);
            twice.add(k);
        }
        fixture.publish(series, twice);
        // And once more the whole series after it was processed: older bars are ignored.
        fixture.awaitCursor(series, PlantedBars.openTime(PlantedBars.COUNT - 1));
        fixture.publish(series, PlantedBars.bars().subList(0, 60));

        PlantedLifecycle.assertEvents(fixture.events(series, PlantedLifecycle.TRANSITIONS));
        PlantedLifecycle.assertMonitors(fixture.monitors(series));
        assertThat(fixture.count("SELECT bars_processed FROM detection.series_state WHERE symbol = ?", series.symbol()))
                .isEqualTo(PlantedBars.COUNT);
    }

    @Test
    void aGapIsFilledFromMarketDataBeforeTheNextBarIsEvaluated() {
        SeriesKey series = DetectionFixture.uniqueSpotSeries("GAP");
        List<Kline> bars = PlantedBars.bars();
        MarketDataStub.plant(series, bars);
        // Bars 41..54 never arrive as events (confirmation happens inside the gap).
        List<Kline> delivered = new ArrayList<>(bars.subList(0, 41));
        delivered.addAll(bars.subList(55, bars.size()));
        fixture.publish(series, delivered);
        fixture.awaitCursor(series, PlantedBars.openTime(PlantedBars.COUNT - 1));

        PlantedLifecycle.assertMonitors(fixture.monitors(series));
        PlantedLifecycle.assertEvents(fixture.events(series, PlantedLifecycle.TRANSITIONS));
        assertThat(MarketDataStub.klineRequestsFor(series.symbol())).singleElement().satisfies(q -> assertThat(q)
                .contains("start=" + PlantedBars.openTime(40).plusMillis(1))
                .contains("end=" + PlantedBars.openTime(55).minusMillis(1)));
    }

    @Test
    void aBarThatCannotBeProcessedHoldsBackNeitherTheOtherSeriesOfItsBatchNorItsOwnSeriesLater() {
        SeriesKey good = DetectionFixture.uniqueSpotSeries("GOOD");
        SeriesKey stuck = DetectionFixture.uniqueSpotSeries("STUCK");
        List<Kline> bars = PlantedBars.bars();
        // STUCK's bar 20 follows bar 9: the gap cannot be filled, market-data-service does not know STUCK yet (404).
        List<KlineClosed> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            if (i < 10 || i == 20) {
                events.add(KlineClosed.of(stuck, bars.get(i), Instant.now()));
            }
            events.add(KlineClosed.of(good, bars.get(i), Instant.now()));
        }
        fixture.publish(events);
        fixture.awaitCursor(good, PlantedBars.openTime(59));
        fixture.awaitCursor(stuck, PlantedBars.openTime(9));
        assertThat(fixture.count("SELECT bars_processed FROM detection.series_state WHERE symbol = ?", good.symbol())).isEqualTo(60);
        assertThat(fixture.count("SELECT bars_processed FROM detection.series_state WHERE symbol = ?", stuck.symbol())).isEqualTo(10);
        // Both attempts at STUCK's bar 20 (with its batch, then alone) asked for the gap and were refused: only then
        // does planting the bars no longer reach them (the series' consumer may still be at it when GOOD is done).
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> MarketDataStub.klineRequestsFor(stuck.symbol()).size() >= 2);

        // Once market-data-service has the bars, STUCK's next bar fills the whole gap 10..20 and goes on.
        MarketDataStub.plant(stuck, bars);
        fixture.publish(stuck, bars.subList(21, 22));
        fixture.awaitCursor(stuck, PlantedBars.openTime(21));
        assertThat(fixture.count("SELECT bars_processed FROM detection.series_state WHERE symbol = ?", stuck.symbol())).isEqualTo(22);
        assertThat(MarketDataStub.klineRequestsFor(stuck.symbol())).last().satisfies(q -> assertThat(q)
                .contains("start=" + PlantedBars.openTime(9).plusMillis(1))
                .contains("end=" + PlantedBars.openTime(21).minusMillis(1)));
    }
}
