package io.trapwatch.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

    /** Configured like the services' mapper: ISO timestamps, strict on nothing unknown. */
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final SeriesKey SERIES = new SeriesKey(MarketType.SPOT, "PEPEUSDT", Interval.H4);

    private static Kline kline() {
        return new Kline(Instant.parse("2024-03-01T04:00:00Z"), Instant.parse("2024-03-01T07:59:59.999Z"),
                new BigDecimal("0.00000123"), new BigDecimal("0.00000150"), new BigDecimal("0.00000120"),
                new BigDecimal("0.00000125"), new BigDecimal("123456789012.12345678"), new BigDecimal("151.2"),
                4711, new BigDecimal("1.00000000"), new BigDecimal("0.00000000"));
    }

    @Test
    void klineClosedRoundTripKeepsFullPrecisionAsStrings() throws Exception {
        KlineClosed event = KlineClosed.of(SERIES, kline(), Instant.parse("2024-03-01T08:00:01Z"));
        String json = mapper.writeValueAsString(event);

        JsonNode tree = mapper.readTree(json);
        assertThat(tree.get("eventId").asText()).isEqualTo("spot:PEPEUSDT:4h:1709265600000");
        assertThat(tree.get("marketType").asText()).isEqualTo("spot");
        assertThat(tree.get("interval").asText()).isEqualTo("4h");
        assertThat(tree.get("kline").get("open").isTextual()).isTrue();
        assertThat(tree.get("kline").get("open").asText()).isEqualTo("0.00000123");
        assertThat(tree.get("kline").get("openTime").asText()).isEqualTo("2024-03-01T04:00:00Z");

        KlineClosed back = mapper.readValue(json, KlineClosed.class);
        assertThat(back).isEqualTo(event);
        assertThat(back.kline().volume()).isEqualByComparingTo("123456789012.12345678");
        assertThat(back.series()).isEqualTo(SERIES);
    }

    @Test
    void klineClosedToleratesUnknownFields() throws Exception {
        ObjectMapper plain = mapper.copy();
        String json = mapper.writeValueAsString(KlineClosed.of(SERIES, kline(), Instant.EPOCH));
        String extended = json.replaceFirst("\\{", "{\"addedInV2\":{\"x\":1},")
                .replace("\"tradeCount\"", "\"futureField\":true,\"tradeCount\"");
        KlineClosed back = plain.readValue(extended, KlineClosed.class);
        assertThat(back.kline().tradeCount()).isEqualTo(4711);
    }

    @Test
    void monitorStateChangedRoundTripWithTransitionsAndSnapshots() throws Exception {
        Instant trigger = Instant.parse("2024-03-01T04:00:00Z");
        String key = MonitorStateChanged.monitorKey(SERIES, trigger);
        List<MonitorStateChanged.Transition> log = List.of(
                new MonitorStateChanged.Transition(1, null, MonitorStatus.PENDING, trigger,
                        new BigDecimal("0.00000125"), "discovery",
                        Map.of("rvol_ratio", 9.5, "rvol_triggered", true), Instant.parse("2024-03-01T08:00:02Z")),
                new MonitorStateChanged.Transition(2, MonitorStatus.PENDING, MonitorStatus.SUSPECTED_ABANDONMENT,
                        Instant.parse("2024-03-01T16:00:00Z"), new BigDecimal("0.00000110"), "confirmation",
                        Map.of("retention_ratio", 8.0), Instant.parse("2024-03-01T20:00:02Z")));
        MonitorStateChanged event = new MonitorStateChanged(MonitorStateChanged.eventId(key, 2),
                MonitorStateChanged.SCHEMA_VERSION, key, 2, MarketType.SPOT, "PEPEUSDT", Interval.H4, trigger,
                new BigDecimal("0.00000125"), new BigDecimal("123456789012.12345678"),
                new BigDecimal("0.00000150"), new BigDecimal("0.00000120"), MonitorStatus.SUSPECTED_ABANDONMENT,
                true, true, false, Instant.parse("2024-03-01T16:00:00Z"), new BigDecimal("0.00000110"),
                log, Instant.parse("2024-03-01T20:00:02Z"));

        String json = mapper.writeValueAsString(event);
        JsonNode tree = mapper.readTree(json);
        assertThat(tree.get("eventId").asText()).isEqualTo("spot:PEPEUSDT:4h:1709265600000#2");
        assertThat(tree.get("status").asText()).isEqualTo("suspected_abandonment");
        assertThat(tree.get("triggerPrice").asText()).isEqualTo("0.00000125");
        assertThat(tree.get("transitions").get(0).get("from").isNull()).isTrue();

        MonitorStateChanged back = mapper.readValue(json, MonitorStateChanged.class);
        assertThat(back.latest().to()).isEqualTo(MonitorStatus.SUSPECTED_ABANDONMENT);
        assertThat(back.transitions().get(0).indicators()).containsEntry("rvol_triggered", true);
        assertThat(back.triggerVolume()).isEqualByComparingTo("123456789012.12345678");
        assertThat(back.series()).isEqualTo(SERIES);
        assertThat(back.version()).isEqualTo(2);

        String extended = json.replaceFirst("\\{", "{\"newTopLevel\":[1,2],");
        assertThat(mapper.readValue(extended, MonitorStateChanged.class).monitorKey()).isEqualTo(key);
    }

    @Test
    void wireNamesParseStrictly() {
        assertThat(MarketType.fromWire("FUTURES")).isEqualTo(MarketType.FUTURES);
        assertThat(Interval.fromWire("1d").millis()).isEqualTo(86_400_000L);
        assertThat(MonitorStatus.fromWire("expired").isTerminal()).isTrue();
        assertThatThrownBy(() -> Interval.fromWire("2h")).hasMessageContaining("[1h, 4h, 1d]");
        assertThatThrownBy(() -> MarketType.fromWire("margin")).hasMessageContaining("market_type");
        assertThat(SeriesKey.parse("futures:BTCUSDT:1h"))
                .isEqualTo(new SeriesKey(MarketType.FUTURES, "BTCUSDT", Interval.H1));
    }
}
