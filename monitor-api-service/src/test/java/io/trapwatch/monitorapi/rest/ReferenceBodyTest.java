package io.trapwatch.monitorapi.rest;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.monitorapi.support.Broker;
import io.trapwatch.monitorapi.support.Events;
import io.trapwatch.monitorapi.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.trapwatch.monitorapi.support.Api.awaitVersion;
import static io.trapwatch.monitorapi.support.Api.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A monitor's list entry and its detail against the reference's example body (spec data-and-api §6.1, fields of
 * §2.5), field by field: a client written for the reference finds every field it reads under its name in both
 * bodies, and every price is rendered one way, at the reference's price scale of 8 decimals.
 */
@ServiceTest
class ReferenceBodyTest {

    /** The fields of a monitor in the reference's example. */
    private static final String[] MONITOR_FIELDS = {"id", "symbol", "market_type", "interval", "trigger_time",
            "trigger_price", "trigger_volume", "trigger_kline_high", "trigger_kline_low", "status", "phase_1_passed",
            "phase_2_passed", "phase_3_passed", "current_price", "price_change_percent", "latest_indicators",
            "created_at", "updated_at"};
    /** The fields of its latest_indicators; the example's "id" (a row id of the reference's table) is our "sequence". */
    private static final String[] INDICATOR_FIELDS = {"sequence", "snapshot_time", "kline_close_price", "rvol_ratio",
            "amplitude_ratio", "upper_shadow_ratio", "volume_retention_ratio", "key_level_breach", "price_efficiency",
            "ma7", "ma25", "ma25_slope", "obv_divergence", "atr", "atr_compression"};
    private static final List<String> PRICES = List.of("trigger_price", "trigger_kline_high", "trigger_kline_low",
            "trigger_high", "trigger_low", "current_price");

    @Test
    void listAndDetailServeTheReferenceFieldsWithOnePriceRendering() {
        String symbol = Events.uniqueSymbol();
        // Prices sent with fewer than 8 decimals: every one is served padded, the snapshot's close as well.
        Events.Monitor m = new Events.Monitor(MarketType.SPOT, symbol, Interval.H4, Instant.parse("2025-11-26T08:00:00Z"), "0.1823")
                .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 3, new BigDecimal("0.2893"), Events.confirmationSnapshot());
        Broker.send(m.latest());
        Map<String, Object> listed = awaitVersion(symbol, m.key(), 2);
        Map<String, Object> detail = get("/api/volume-trap/monitors/" + listed.get("id") + "/").getMap("");

        for (Map<String, Object> body : List.of(listed, detail)) {
            assertThat(body).containsKeys(MONITOR_FIELDS);
            assertThat(body.get("trigger_price")).isEqualTo("0.18230000");
            assertThat(body.get("trigger_kline_high")).isEqualTo(body.get("trigger_high"));
            assertThat(body.get("trigger_kline_low")).isEqualTo(body.get("trigger_low"));
            for (String price : PRICES) {
                assertThat(body.get(price)).as(price).asString().matches("\\d+\\.\\d{8}");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> latest = (Map<String, Object>) body.get("latest_indicators");
            assertThat(latest).containsKeys(INDICATOR_FIELDS);
            assertThat(latest.get("kline_close_price")).isEqualTo("0.28930000");
        }
        // The detail is the list entry plus its version and transitions: the same value in every shared field.
        assertThat(detail).containsAllEntriesOf(listed).containsKeys("version", "transitions");
    }
}
