package io.trapwatch.detection.service;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trapwatch.detection.domain.Bar;
import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.detection.domain.OutcomeCalculator;
import io.trapwatch.detection.support.DetectionFixture;
import io.trapwatch.detection.support.MarketDataStub;
import io.trapwatch.detection.support.PlantedBars;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.infra.PostgresTestResource;
import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.model.SeriesKey;
import io.trapwatch.model.Topics;
import io.trapwatch.model.outcome.MonitorOutcome;
import io.trapwatch.model.outcome.MonitorOutcomesChanged;
import io.trapwatch.model.outcome.OutcomeStatus;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outcomes on the live path: kline-closed on the real broker → outcome rows in PostgreSQL → MonitorOutcomesChanged
 * on the broker, equal to the direct calculator on the same bars; redelivery publishes nothing; outcomes of
 * monitors without one are computed after the fact.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MarketDataStub.class, restrictToAnnotatedClass = false)
class OutcomeLiveTest {

    private static final int[] TRIGGERS = {PlantedBars.PUMP_1, PlantedBars.PUMP_2, PlantedBars.PUMP_3};

    @Inject
    DetectionFixture fixture;

    @Inject
    OutcomeBackfill backfill;

    private static List<Bar> domainBars() {
        return PlantedBars.bars().stream().map(k -> ClosedBar.of(k).toBar()).toList();
    }

    /** The newest published version of each monitor's outcome, by trigger time. */
    private static Map<Long, MonitorOutcome> newest(List<MonitorOutcomesChanged> events) {
        Map<Long, MonitorOutcome> newest = new TreeMap<>();
        events.stream().flatMap(e -> e.outcomes().stream()).sorted(Comparator.comparingInt(MonitorOutcome::version))
                .forEach(o -> newest.put(o.triggerTime().toEpochMilli(), o));
        return newest;
    }

    private static MonitorOutcome expected(SeriesKey series, int trigger, int version) {
        return OutcomeEvents.of(MonitorStateChanged.monitorKey(series, PlantedBars.openTime(trigger)), version,
                OutcomeCalculator.compute(domainBars(), trigger, 30));
    }

    @Test
    void liveOutcomesEqualTheDirectCalculationAndRedeliveryPublishesNothing() {
        SeriesKey series = DetectionFixture.uniqueSpotSeries("OUT");
        fixture.publish(series, PlantedBars.bars());
        fixture.awaitCursor(series, PlantedBars.openTime(PlantedBars.COUNT - 1));
        List<MonitorOutcomesChanged> events = fixture.records(Topics.MONITOR_OUTCOMES_CHANGED, MonitorOutcomesChanged.class,
                series, 1);
        Map<Long, MonitorOutcome> outcomes = newest(events);
        assertThat(outcomes).hasSize(3);
        for (int trigger : TRIGGERS) {
            MonitorOutcome live = outcomes.get(PlantedBars.openTime(trigger).toEpochMilli());
            assertThat(live).isEqualTo(expected(series, trigger, live.version()));
        }
        // Bar 40's monitor: entry at bar 41's close, window of 30 full at bar 71; bar 128's still open at 134.
        assertThat(outcomes.values()).extracting(MonitorOutcome::status)
                .containsExactly(OutcomeStatus.COMPLETED, OutcomeStatus.COMPLETED, OutcomeStatus.OPEN);
        MonitorOutcome first = outcomes.get(PlantedBars.openTime(PlantedBars.PUMP_1).toEpochMilli());
        assertThat(first.entryTime()).isEqualTo(PlantedBars.openTime(PlantedBars.PUMP_1 + 1));
        assertThat(first.barsObserved()).isEqualTo(30);
        assertThat(first.hold().time()).isEqualTo(PlantedBars.openTime(PlantedBars.PUMP_1 + 31));
        // Versions of one outcome only grow; every event id is distinct.
        assertThat(events).extracting(MonitorOutcomesChanged::eventId).doesNotHaveDuplicates();
        assertThat(fixture.count("SELECT count(*) FROM detection.monitor_outcome o JOIN detection.series_state s "
                + "ON s.id = o.series_id WHERE s.symbol = ?", series.symbol())).isEqualTo(3);

        // The whole series once more: nothing is processed, no outcome event is published.
        fixture.publish(series, PlantedBars.bars());
        List<MonitorOutcomesChanged> after = fixture.records(Topics.MONITOR_OUTCOMES_CHANGED, MonitorOutcomesChanged.class,
                series, events.size());
        assertThat(after).hasSameSizeAs(events);
    }

    @Test
    void monitorsWithoutAnOutcomeGetItAfterTheFact() {
        SeriesKey series = DetectionFixture.uniqueSpotSeries("BACK");
        fixture.publish(series, PlantedBars.bars());
        fixture.awaitCursor(series, PlantedBars.openTime(PlantedBars.COUNT - 1));
        // As if the monitors had been recorded before outcomes existed.
        fixture.execute("DELETE FROM detection.monitor_outcome WHERE series_id = (SELECT id FROM detection.series_state "
                + "WHERE symbol = ?)", series.symbol());

        assertThat(backfill.run()).isEqualTo(3);
        assertThat(backfill.run()).as("nothing left to do").isZero();
        List<MonitorOutcomesChanged> events = fixture.records(Topics.MONITOR_OUTCOMES_CHANGED, MonitorOutcomesChanged.class,
                series, 2);
        MonitorOutcomesChanged computed = events.get(events.size() - 1);
        assertThat(computed.outcomes()).hasSize(3);
        for (int i = 0; i < TRIGGERS.length; i++) {
            assertThat(computed.outcomes().get(i)).isEqualTo(expected(series, TRIGGERS[i], 1));
        }
    }
}
