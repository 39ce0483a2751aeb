package io.trapwatch.detection.domain;

import io.trapwatch.model.MonitorStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SeriesEngineTest {

    private static final DetectionSettings DEFAULTS = DetectionSettings.defaults();

    /**
     * state-machine.md §17: XYZUSDT 4h. 30 history bars with amplitude 5 % (0.0420–0.0441) and
     * volume 2000, so the trigger is the 31st bar, the earliest possible one.
     */
    private static SeriesBuilder workedExample() {
        return new SeriesBuilder().repeat(30, 0.0430, 0.0441, 0.0420, 0.0430, 2000)
                .bar(0.0445, 0.0520, 0.0440, 0.0450, 20000)
                .bar(0.0450, 0.0451, 0.0445, 0.0446, 2400)
                .bar(0.0446, 0.0447, 0.0442, 0.0443, 1800)
                .bar(0.0443, 0.0444, 0.0440, 0.0441, 1500)
                .bar(0.0441, 0.0442, 0.0439, 0.0440, 1300)
                .bar(0.0440, 0.0441, 0.0430, 0.0431, 1000);
    }

    @Test
    void worksThroughTheStateMachineExample() {
        List<Bar> bars = workedExample().bar(0.0431, 0.0452, 0.0431, 0.0451, 1200).build();

        List<Transition> transitions = EngineRuns.run(DEFAULTS, bars);

        assertThat(EngineRuns.describe(transitions)).containsExactly(
                "30 new->pending #30",
                "35 pending->suspected_abandonment #30",
                "36 suspected_abandonment->invalidated #30");

        Transition discovery = transitions.get(0);
        assertThat(discovery.indicators().keySet()).containsExactly("rvol_ratio", "ma_volume", "current_volume",
                "rvol_triggered", "amplitude_ratio", "ma_amplitude", "current_amplitude", "upper_shadow_ratio",
                "amplitude_triggered");
        assertThat((Double) discovery.indicators().get("rvol_ratio")).isCloseTo(10, within(1e-9));
        assertThat(Rounding.round((Double) discovery.indicators().get("ma_amplitude"), 2)).isEqualByComparingTo("5.00");
        assertThat(Rounding.round((Double) discovery.indicators().get("current_amplitude"), 2)).isEqualByComparingTo("18.18");
        assertThat(Rounding.round((Double) discovery.indicators().get("amplitude_ratio"), 2)).isEqualByComparingTo("3.64");
        assertThat(Rounding.round((Double) discovery.indicators().get("upper_shadow_ratio"), 2)).isEqualByComparingTo("87.50");
        assertThat(discovery.after()).isEqualTo(new MonitorState(bars.get(30).openTime(), 0.0450, 0.0520, 0.0440, 20000,
                MonitorStatus.PENDING, MonitorState.NOT_CONFIRMED, true, false, false));

        Transition confirmation = transitions.get(1);
        assertThat(Rounding.round((Double) confirmation.indicators().get("volume_retention_ratio"), 2))
                .isEqualByComparingTo("8.00");
        assertThat(confirmation.indicators()).containsEntry("post_kline_count", 5).containsEntry("key_level_breached", true);
        assertThat(Rounding.round((Double) confirmation.indicators().get("breach_percentage"), 2)).isEqualByComparingTo("2.05");
        assertThat((Double) confirmation.indicators().get("price_efficiency"))
                .isGreaterThan(2 * (Double) confirmation.indicators().get("historical_pe_mean"));

        Transition invalidation = transitions.get(2);
        assertThat(invalidation.indicators()).containsEntry("current_close", 0.0451).containsEntry("trigger_price", 0.0450);
        assertThat(invalidation.after().phase2Passed()).isTrue();
    }

    @Test
    void confirmationFailsOnTheThirdAndFourthBarWithoutABreach() {
        List<Bar> bars = workedExample().build();
        SeriesEngine engine = new SeriesEngine(DEFAULTS);
        bars.subList(0, 35).forEach(bar -> assertThat(engine.onBar(bar)).allMatch(t -> t.from() == null));

        assertThat(engine.openMonitors()).extracting(MonitorState::status).containsExactly(MonitorStatus.PENDING);
    }

    @Test
    void aPumpOnTheThirtiethBarIsTooEarly() {
        List<Bar> bars = new SeriesBuilder().repeat(29, 0.0430, 0.0441, 0.0420, 0.0430, 2000)
                .bar(0.0445, 0.0520, 0.0440, 0.0450, 20000).build();

        assertThat(EngineRuns.run(DEFAULTS, bars)).isEmpty();
    }

    @Test
    void aZeroLowInTheAmplitudeHistoryPreventsDiscovery() {
        List<Bar> bars = new SeriesBuilder().repeat(20, 100, 101, 99, 100, 1000).bar(100, 101, 0, 100, 1000)
                .repeat(19, 100, 101, 99, 100, 1000).bar(100, 110, 99.5, 101, 10000).build();

        assertThat(EngineRuns.run(DEFAULTS, bars)).isEmpty();
    }

    @Test
    void aDetectorFailureIsAnUnmetCondition() {
        // Bar 43 closes at 0, which would be a breach, but the key-level detector rejects it: not
        // met there. Bar 44 closes below the trigger low and confirms.
        List<Bar> bars = Scenarios.quietThenPump().move(99.3, 0.1, 500).move(99.0, 0.05, 500)
                .bar(99.0, 99.05, 0, 0, 500).bar(0, 99, 0, 98.5, 500).build();

        List<Transition> transitions = EngineRuns.run(DEFAULTS, bars);

        assertThat(EngineRuns.describe(transitions))
                .containsExactly("40 new->pending #40", "44 pending->suspected_abandonment #40");
    }

    @Test
    void expiryKeepsTheValuesOfTheLastFailedEvaluation() {
        // Closes stay above the trigger low 99.5 until bar 45 closes at 0, which the key-level
        // detector rejects.
        List<Bar> bars = Scenarios.quietThenPump().move(100.5, 0.1, 500).move(100.2, 0.05, 500)
                .move(100.0, 0.05, 500).move(99.8, 0.05, 500).bar(99.8, 99.9, 0, 0, 500).build();

        Transition expiry = EngineRuns.run(DEFAULTS, bars).get(1);

        assertThat(EngineRuns.describe(List.of(expiry))).containsExactly("45 pending->expired #40");
        assertThat(expiry.indicators())
                .containsEntry("midpoint", null)
                .containsEntry("key_level", null)
                .containsEntry("breach_percentage", null)
                .containsEntry("key_level_breached", false)
                .containsEntry("volume_retention_triggered", true);
    }

    @Test
    void aRedeliveredBarChangesNothing() {
        List<Bar> bars = Scenarios.abandonment();
        SeriesEngine engine = new SeriesEngine(DEFAULTS);
        bars.subList(0, 41).forEach(engine::onBar);
        List<MonitorState> before = engine.openMonitors();

        assertThat(engine.onBar(bars.get(40))).isEmpty();
        assertThat(engine.onBar(bars.get(12))).isEmpty();
        assertThat(engine.openMonitors()).isEqualTo(before);
        assertThat(engine.lastOpenTime()).isEqualTo(bars.get(40).openTime());
    }

    @Test
    void anEmptyEngineHasNoLastBar() {
        assertThat(new SeriesEngine(DEFAULTS).lastOpenTime()).isEqualTo(Long.MIN_VALUE);
        assertThat(new SeriesEngine(DEFAULTS).openMonitors()).isEmpty();
    }

    @Test
    void historyNeededCoversTheLongestWindow() {
        // Efficiency history of 30 bars ending at a trigger bar up to 5 bars back.
        assertThat(SeriesEngine.historyNeeded(DEFAULTS)).isEqualTo(34);
    }

    @Test
    void settingsAreValidated() {
        DetectionSettings invalid = new DetectionSettings(0, 20, 3, 30, 0.5, 15, 2, 30, 0.5, 14, 3, 5, 30, 30);

        assertThatThrownBy(() -> new SeriesEngine(invalid)).hasMessage("rvol_threshold must be > 0, got 0");
    }

    @Test
    void restoreRejectsInconsistentState() {
        List<Bar> bars = Scenarios.abandonment().subList(0, 42);
        MonitorState pending = new MonitorState(bars.get(40).openTime(), 101, 110, 99.5, 10000, MonitorStatus.PENDING,
                MonitorState.NOT_CONFIRMED, true, false, false);
        MonitorState secondPending = new MonitorState(bars.get(41).openTime(), 99.3, 101.1, 99.2, 500,
                MonitorStatus.PENDING, MonitorState.NOT_CONFIRMED, true, false, false);
        MonitorState expired = new MonitorState(bars.get(40).openTime(), 101, 110, 99.5, 10000, MonitorStatus.EXPIRED,
                MonitorState.NOT_CONFIRMED, true, false, false);

        assertThatThrownBy(() -> SeriesEngine.restore(DEFAULTS, bars, List.of(pending, secondPending)))
                .hasMessageContaining("at most one pending or suspected monitor");
        assertThatThrownBy(() -> SeriesEngine.restore(DEFAULTS, bars, List.of(expired)))
                .hasMessageContaining("only open monitors");
        assertThatThrownBy(() -> SeriesEngine.restore(DEFAULTS, bars.subList(0, 40), List.of(pending)))
                .hasMessageContaining("is not in recentHistory");
        assertThatThrownBy(() -> SeriesEngine.restore(DEFAULTS, List.of(bars.get(1), bars.get(0)), List.of()))
                .hasMessageContaining("ascending");
    }
}
