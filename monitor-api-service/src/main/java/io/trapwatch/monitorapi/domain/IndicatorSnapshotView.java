package io.trapwatch.monitorapi.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;

/**
 * An indicator snapshot under the reference API's field names, rounded for display to the reference's column
 * scales (ratios 2 dp, prices, price efficiency, MAs and ATR 8 dp, MA25 slope 6 dp). {@code values} keeps the
 * unrounded snapshot exactly as detection-service recorded it. A field whose detector did not run is null.
 */
public record IndicatorSnapshotView(int sequence,
                                    @JsonProperty("snapshot_time") Instant snapshotTime,
                                    String reason,
                                    @JsonProperty("kline_close_price") String klineClosePrice,
                                    @JsonProperty("rvol_ratio") String rvolRatio,
                                    @JsonProperty("amplitude_ratio") String amplitudeRatio,
                                    @JsonProperty("upper_shadow_ratio") String upperShadowRatio,
                                    @JsonProperty("volume_retention_ratio") String volumeRetentionRatio,
                                    @JsonProperty("key_level_breach") Boolean keyLevelBreach,
                                    @JsonProperty("price_efficiency") String priceEfficiency,
                                    String ma7,
                                    String ma25,
                                    @JsonProperty("ma25_slope") String ma25Slope,
                                    @JsonProperty("obv_divergence") Boolean obvDivergence,
                                    String atr,
                                    @JsonProperty("atr_compression") Boolean atrCompression,
                                    Map<String, Object> values) {

    public static IndicatorSnapshotView of(int sequence, Instant barTime, String reason, BigDecimal barClose,
                                           Map<String, Object> values) {
        return new IndicatorSnapshotView(sequence, barTime, reason, DecimalText.of(barClose),
                decimal(values, "rvol_ratio", 2), decimal(values, "amplitude_ratio", 2),
                decimal(values, "upper_shadow_ratio", 2), decimal(values, "volume_retention_ratio", 2),
                flag(values, "key_level_breached"), decimal(values, "price_efficiency", 8),
                decimal(values, "ma7", 8), decimal(values, "ma25", 8), decimal(values, "ma25_slope", 6),
                flag(values, "divergence_detected"), decimal(values, "atr_current", 8), flag(values, "atr_compressed"),
                values);
    }

    private static String decimal(Map<String, Object> values, String key, int scale) {
        Object value = values.get(key);
        if (!(value instanceof Number number)) {
            return null;
        }
        try {
            BigDecimal exact = number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
            return exact.setScale(scale, RoundingMode.HALF_UP).toPlainString();
        } catch (NumberFormatException e) {
            return null; // NaN or infinity: there is no decimal to show
        }
    }

    private static Boolean flag(Map<String, Object> values, String key) {
        return values.get(key) instanceof Boolean b ? b : null;
    }
}
