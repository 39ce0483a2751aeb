package io.trapwatch.monitorapi.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IndicatorSnapshotViewTest {

    @Test
    void mapsSnapshotKeysToReferenceNamesAtReferenceScales() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("rvol_ratio", new BigDecimal("9.125"));
        raw.put("amplitude_ratio", 4);
        raw.put("upper_shadow_ratio", 61.204);
        raw.put("volume_retention_ratio", new BigDecimal("12.344999"));
        raw.put("key_level_breached", false);
        raw.put("price_efficiency", new BigDecimal("0.000000015"));
        raw.put("ma7", new BigDecimal("42000.123456785"));
        raw.put("ma25", new BigDecimal("1E-9"));
        raw.put("ma25_slope", new BigDecimal("-0.0000005"));
        raw.put("divergence_detected", true);
        raw.put("atr_current", 12L);
        raw.put("atr_compressed", "yes");
        IndicatorSnapshotView v = IndicatorSnapshotView.of(2, Instant.EPOCH, "validation", new BigDecimal("0.18230000"), raw);

        assertThat(v.rvolRatio()).isEqualTo("9.13");
        assertThat(v.amplitudeRatio()).isEqualTo("4.00");
        assertThat(v.upperShadowRatio()).isEqualTo("61.20");
        assertThat(v.volumeRetentionRatio()).isEqualTo("12.34");
        assertThat(v.keyLevelBreach()).isFalse();
        assertThat(v.priceEfficiency()).isEqualTo("0.00000002");
        assertThat(v.ma7()).isEqualTo("42000.12345679");
        assertThat(v.ma25()).isEqualTo("0.00000000");
        assertThat(v.ma25Slope()).isEqualTo("-0.000001");
        assertThat(v.obvDivergence()).isTrue();
        assertThat(v.atr()).isEqualTo("12.00000000");
        assertThat(v.atrCompression()).as("not a boolean: not shown as one").isNull();
        assertThat(v.klineClosePrice()).isEqualTo("0.18230000");
        assertThat(v.values()).isSameAs(raw);
    }

    @Test
    void detectorsThatDidNotRunAreNull() {
        IndicatorSnapshotView v = IndicatorSnapshotView.of(1, Instant.EPOCH, "invalidation", null,
                Map.of("current_close", new BigDecimal("2.6"), "trigger_price", new BigDecimal("2.5")));
        assertThat(v.rvolRatio()).isNull();
        assertThat(v.keyLevelBreach()).isNull();
        assertThat(v.ma25Slope()).isNull();
        assertThat(v.klineClosePrice()).isNull();
        assertThat(v.values()).containsEntry("current_close", new BigDecimal("2.6"));
    }

    @Test
    void theBarCloseIsRenderedLikeEveryOtherPrice() {
        // stored as the exchange sent it ("0.2893"), shown padded to 8 decimals like trigger_price and current_price
        IndicatorSnapshotView v = IndicatorSnapshotView.of(1, Instant.EPOCH, "confirmation", new BigDecimal("0.2893"), Map.of());
        assertThat(v.klineClosePrice()).isEqualTo("0.28930000");
        assertThat(IndicatorSnapshotView.of(1, Instant.EPOCH, "confirmation", new BigDecimal("0.123456789"), Map.of())
                .klineClosePrice()).isEqualTo("0.123456789");
    }
}
