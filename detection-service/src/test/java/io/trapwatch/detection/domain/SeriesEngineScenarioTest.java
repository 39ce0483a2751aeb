package io.trapwatch.detection.domain;

import io.trapwatch.model.MonitorStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Planted series through the engine: the exact transition sequences of D14. */
class SeriesEngineScenarioTest {

    private static final DetectionSettings DEFAULTS = DetectionSettings.defaults();

    private static List<Transition> run(List<Bar> bars) {
        return EngineRuns.run(DEFAULTS, bars);
    }

    private static double meanClose(List<Bar> bars, int last, int count) {
        double sum = 0;
        for (int k = last - count + 1; k <= last; k++) {
            sum += bars.get(k).close();
        }
        return sum / count;
    }

    @Test
    void abandonmentWalksAllThreePhases() {
        List<Bar> bars = Scenarios.abandonment();

        List<Transition> transitions = run(bars);

        assertThat(EngineRuns.describe(transitions)).containsExactly(
                "40 new->pending #40",
                "43 pending->suspected_abandonment #40",
                "52 suspected_abandonment->confirmed_abandonment #40");
        Transition validation = transitions.get(2);
        assertThat(validation.reason()).isEqualTo(Transition.VALIDATION);
        assertThat(validation.indicators())
                .containsEntry("ma_death_cross", true)
                .containsEntry("single_side_decline", true)
                .containsEntry("divergence_detected", false)
                .containsEntry("consecutive_no_divergence", 5)
                .containsEntry("atr_is_decreasing", true)
                .containsEntry("atr_compressed", true);
        // Window = bars 23..52: OBV is 0 at bar 23, +10000 at the pump, -500 on each of bars 41..52.
        assertThat((Double) validation.indicators().get("obv_current")).isEqualTo(4000);
        assertThat((Double) validation.indicators().get("ma7")).isCloseTo(meanClose(bars, 52, 7), within(1e-9));
        assertThat((Double) validation.indicators().get("ma25")).isCloseTo(meanClose(bars, 52, 25), within(1e-9));
        assertThat((Double) validation.indicators().get("ma25_slope")).isNegative();
        assertThat((Double) validation.indicators().get("atr_current"))
                .isLessThan(0.5 * (Double) validation.indicators().get("atr_baseline"));
        assertThat(validation.after()).isEqualTo(new MonitorState(bars.get(40).openTime(), 101, 110, 99.5, 10000,
                MonitorStatus.CONFIRMED_ABANDONMENT, bars.get(43).openTime(), true, true, true));
    }

    @Test
    void abandonmentConfirmationSnapshot() {
        Transition confirmation = run(Scenarios.abandonment()).get(1);

        assertThat(confirmation.reason()).isEqualTo(Transition.CONFIRMATION);
        assertThat(confirmation.barClose()).isEqualTo(98.7);
        assertThat(confirmation.indicators())
                .containsEntry("volume_retention_ratio", 5.0)
                .containsEntry("avg_volume_post", 500.0)
                .containsEntry("post_kline_count", 3)
                .containsEntry("midpoint", 104.75)
                .containsEntry("key_level", 99.5)
                .containsEntry("key_level_breached", true)
                .containsEntry("pe_triggered", true);
        // Post-trigger bodies 1.7, 0.3, 0.3 on 500 each; history: the pump's body 1 on 10000, 29 dojis.
        assertThat((Double) confirmation.indicators().get("price_efficiency")).isCloseTo(2.3 / 3 / 500, within(1e-15));
        assertThat((Double) confirmation.indicators().get("historical_pe_mean")).isCloseTo(1e-4 / 30, within(1e-18));
    }

    @Test
    void recoveryInvalidatesThePendingMonitor() {
        List<Transition> transitions = run(Scenarios.recovery());

        assertThat(EngineRuns.describe(transitions)).containsExactly("40 new->pending #40", "41 pending->invalidated #40");
        assertThat(transitions.get(1).reason()).isEqualTo(Transition.INVALIDATION);
        assertThat(transitions.get(1).indicators()).containsExactly(
                org.assertj.core.api.Assertions.entry("current_close", 102.0),
                org.assertj.core.api.Assertions.entry("trigger_price", 101.0));
    }

    @Test
    void recoveryInvalidatesTheSuspectedMonitor() {
        assertThat(EngineRuns.describe(run(Scenarios.recoveryAfterSuspicion()))).containsExactly(
                "40 new->pending #40",
                "43 pending->suspected_abandonment #40",
                "44 suspected_abandonment->invalidated #40");
    }

    @Test
    void volumeThatNeverDriesUpExpiresOnTheFifthPostTriggerBar() {
        List<Transition> transitions = run(Scenarios.volumeNeverDriesUp());

        assertThat(EngineRuns.describe(transitions)).containsExactly("40 new->pending #40", "45 pending->expired #40");
        Transition expiry = transitions.get(1);
        assertThat(expiry.reason()).isEqualTo(Transition.EXPIRY);
        assertThat(expiry.indicators().keySet()).containsExactly("volume_retention_ratio", "avg_volume_post",
                "post_kline_count", "volume_retention_triggered", "midpoint", "key_level", "breach_percentage",
                "key_level_breached", "price_efficiency", "historical_pe_mean", "pe_triggered");
        assertThat(expiry.indicators())
                .containsEntry("volume_retention_ratio", 50.0)
                .containsEntry("post_kline_count", 5)
                .containsEntry("volume_retention_triggered", false)
                .containsEntry("key_level_breached", true);
    }

    @Test
    void spikeWithoutUpperWickOpensNothing() {
        assertThat(run(Scenarios.spikeWithoutWick())).isEmpty();
    }

    @Test
    void suspicionThatNeverValidatesExpiresThirtyBarsAfterConfirmation() {
        List<Transition> transitions = run(Scenarios.suspicionThatNeverValidates());

        assertThat(EngineRuns.describe(transitions)).containsExactly(
                "40 new->pending #40",
                "43 pending->suspected_abandonment #40",
                "73 suspected_abandonment->expired #40");
        assertThat(transitions.get(2).indicators().keySet()).containsExactly("ma7", "ma25", "ma25_slope",
                "ma_death_cross", "obv_current", "divergence_detected", "single_side_decline",
                "consecutive_no_divergence", "atr_current", "atr_baseline", "atr_is_decreasing", "atr_compressed");
        assertThat(transitions.get(2).after().phase2Passed()).isTrue();
        assertThat(transitions.get(2).after().phase3Passed()).isFalse();
    }

    @Test
    void discoveryRunsAfterInvalidationOnTheSameBar() {
        List<Transition> transitions = run(Scenarios.invalidationAndDiscoveryOnOneBar());

        assertThat(EngineRuns.describe(transitions)).containsExactly(
                "40 new->pending #40",
                "41 pending->invalidated #40",
                "41 new->pending #41",
                "46 pending->expired #41");
        assertThat(transitions.get(2).after().triggerClose()).isEqualTo(102);
    }

    @Test
    void oneBarInvalidatesTheConfirmedAndThePendingMonitor() {
        assertThat(EngineRuns.describe(run(Scenarios.confirmedAndPendingInvalidatedTogether()))).containsExactly(
                "40 new->pending #40",
                "43 pending->suspected_abandonment #40",
                "52 suspected_abandonment->confirmed_abandonment #40",
                "81 new->pending #81",
                "82 confirmed_abandonment->invalidated #40",
                "82 pending->invalidated #81");
    }

    @Test
    void confirmedMonitorStaysOpenNextToTheNewPendingOne() {
        List<Bar> bars = Scenarios.confirmedAndPendingInvalidatedTogether();
        SeriesEngine engine = new SeriesEngine(DEFAULTS);
        bars.subList(0, 82).forEach(engine::onBar);

        assertThat(engine.openMonitors()).extracting(MonitorState::status)
                .containsExactly(MonitorStatus.CONFIRMED_ABANDONMENT, MonitorStatus.PENDING);
    }

    @Test
    void secondPumpInvalidatesTheConfirmedMonitorThenOpensItsOwn() {
        assertThat(EngineRuns.describe(run(Scenarios.secondPumpInvalidatesConfirmed()))).containsExactly(
                "40 new->pending #40",
                "43 pending->suspected_abandonment #40",
                "52 suspected_abandonment->confirmed_abandonment #40",
                "81 confirmed_abandonment->invalidated #40",
                "81 new->pending #81",
                "86 pending->expired #81");
    }
}
