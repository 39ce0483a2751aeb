package io.trapwatch.detection.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Feeds the detectors the bars that decision D14 (option (a) of state-machine.md §15: confirmation on the bars after
 * the trigger, validation on the latest 30) assigns to each phase and records the values behind each decision
 * (D17.4). Indices are array indices of the {@link BarSeries}; the caller guarantees the windows are held.
 */
final class PhaseEvaluator {

    private final RvolDetector rvol;
    private final AmplitudeDetector amplitude;
    private final VolumeRetentionDetector retention;
    private final KeyLevelBreachDetector keyLevel = new KeyLevelBreachDetector();
    private final PriceEfficiencyDetector efficiency;
    private final MovingAverageCrossDetector movingAverages = new MovingAverageCrossDetector();
    private final ObvDivergenceDetector obv;
    private final AtrCompressionDetector atr;
    private final int peHistoricalPeriod;
    private final int validationWindow;

    PhaseEvaluator(DetectionSettings settings) {
        rvol = new RvolDetector(settings.rvolLookback(), settings.rvolThreshold());
        amplitude = new AmplitudeDetector(settings.amplitudeLookback(), settings.amplitudeThreshold(),
                settings.upperShadowThreshold());
        retention = new VolumeRetentionDetector(settings.volumeRetentionThreshold(),
                settings.confirmationMinBars(), settings.confirmationMaxBars());
        efficiency = new PriceEfficiencyDetector(settings.peHistoricalPeriod(), settings.peMultiplier());
        obv = new ObvDivergenceDetector(DetectionSettings.MIN_VALIDATION_WINDOW, 5);
        atr = new AtrCompressionDetector(settings.atrPeriod(), DetectionSettings.MIN_VALIDATION_WINDOW, 5,
                settings.atrCompressionThreshold());
        peHistoricalPeriod = settings.peHistoricalPeriod();
        validationWindow = settings.validationWindow();
    }

    /**
     * Phase 1 for bar {@code i}: RVOL against the bars before it, then amplitude. The indicators
     * are only needed when a monitor is created, so a bar that fails RVOL stops there.
     */
    Evaluation discovery(BarSeries bars, int i) {
        // D17.3: such a bar cannot trigger; checking here also spares the detectors' exceptions.
        if (!(bars.volume()[i] > 0) || !(bars.low()[i] > 0)) {
            return Evaluation.NOT_MET;
        }
        RvolDetector.Result r = orNull(() -> rvol.detect(bars.volume(), 0, i + 1));
        if (r == null || !r.triggered()) {
            return Evaluation.NOT_MET;
        }
        AmplitudeDetector.Result a = orNull(() -> amplitude.detect(bars.high(), bars.low(), bars.close(), 0, i + 1));
        if (a == null) {
            return Evaluation.NOT_MET;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("rvol_ratio", r.ratio());
        values.put("ma_volume", r.maVolume());
        values.put("current_volume", r.currentVolume());
        values.put("rvol_triggered", r.triggered());
        values.put("amplitude_ratio", a.ratio());
        values.put("ma_amplitude", a.maAmplitude());
        values.put("current_amplitude", a.currentAmplitude());
        values.put("upper_shadow_ratio", a.upperShadowRatio());
        values.put("amplitude_triggered", a.triggered());
        return Evaluation.of(ConditionEvaluator.discovery(r.triggered(), a.triggered()), values);
    }

    /**
     * Phase 2 on bar {@code i} for the monitor whose trigger bar is {@code t}: retention over the
     * post-trigger bars so far, key level with bar {@code i}'s close, price efficiency of those
     * bars against the {@code peHistoricalPeriod} bars ending at the trigger bar.
     */
    Evaluation confirmation(BarSeries bars, Monitor monitor, int t, int i) {
        VolumeRetentionDetector.Result r = orNull(() -> retention.detect(monitor.triggerVolume, bars.volume(), t + 1, i + 1));
        KeyLevelBreachDetector.Result k = orNull(() -> keyLevel.detect(monitor.triggerHigh, monitor.triggerLow, bars.close()[i]));
        PriceEfficiencyDetector.Result p = orNull(() -> efficiency.detect(bars.open(), bars.close(), bars.volume(),
                t + 1, i + 1, Math.max(0, t - peHistoricalPeriod + 1), t + 1));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("volume_retention_ratio", r == null ? null : r.retentionRatio());
        values.put("avg_volume_post", r == null ? null : r.avgVolumePost());
        values.put("post_kline_count", r == null ? null : r.postKlineCount());
        values.put("volume_retention_triggered", r != null && r.triggered());
        values.put("midpoint", k == null ? null : k.midpoint());
        values.put("key_level", k == null ? null : k.keyLevel());
        values.put("breach_percentage", k == null ? null : k.breachPercentage());
        values.put("key_level_breached", k != null && k.triggered());
        values.put("price_efficiency", p == null ? null : p.currentPe());
        values.put("historical_pe_mean", p == null ? null : p.historicalPeMean());
        values.put("pe_triggered", p != null && p.triggered());
        boolean passed = ConditionEvaluator.confirmation(r == null ? null : r.triggered(),
                k == null ? null : k.triggered(), p == null ? null : p.triggered());
        return Evaluation.of(passed, values);
    }

    /** Phase 3 on bar {@code i}: MA cross, OBV and ATR on the {@code validationWindow} bars ending at it. */
    Evaluation validation(BarSeries bars, int i) {
        int from = Math.max(0, i - validationWindow + 1);
        MovingAverageCrossDetector.Result m = orNull(() -> movingAverages.detect(bars.close(), from, i + 1));
        ObvDivergenceDetector.Result o = orNull(() -> obv.detect(bars.close(), bars.volume(), from, i + 1));
        AtrCompressionDetector.Result a = orNull(() -> atr.detect(bars.high(), bars.low(), bars.close(), from, i + 1));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("ma7", m == null ? null : m.maShort());
        values.put("ma25", m == null ? null : m.maLong());
        values.put("ma25_slope", m == null ? null : m.slopePercent());
        values.put("ma_death_cross", m != null && m.deathCross());
        values.put("obv_current", o == null ? null : o.obvCurrent());
        values.put("divergence_detected", o == null ? null : o.divergenceDetected());
        values.put("single_side_decline", o != null && o.singleSideDecline());
        values.put("consecutive_no_divergence", o == null ? null : o.consecutiveNoDivergence());
        values.put("atr_current", a == null ? null : a.atrCurrent());
        values.put("atr_baseline", a == null ? null : a.atrBaseline());
        values.put("atr_is_decreasing", a == null ? null : a.decreasing());
        values.put("atr_compressed", a != null && a.compressed());
        boolean passed = ConditionEvaluator.validation(m == null ? null : m.deathCross(),
                o == null ? null : o.singleSideDecline(), a == null ? null : a.compressed());
        return Evaluation.of(passed, values);
    }

    /** A detector that cannot compute on this bar leaves its condition unmet; it never aborts the bar. */
    private static <T> T orNull(Supplier<T> detector) {
        try {
            return detector.get();
        } catch (DetectorException e) {
            return null;
        }
    }

    /** A phase decision and the detector values behind it, in decision order. */
    record Evaluation(boolean passed, Map<String, Object> indicators) {

        static final Evaluation NOT_MET = new Evaluation(false, Map.of());

        static Evaluation of(boolean passed, Map<String, Object> indicators) {
            return new Evaluation(passed, Collections.unmodifiableMap(indicators));
        }
    }
}
