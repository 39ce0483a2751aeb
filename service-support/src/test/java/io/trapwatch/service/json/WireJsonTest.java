package io.trapwatch.service.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireJsonTest {

    /** As Quarkus builds it: JavaTimeModule first, then the customizers. */
    private static final ObjectMapper MAPPER = wireMapper();

    private static ObjectMapper wireMapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new WireJson().customize(mapper);
        return mapper;
    }

    private static Instant read(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, Instant.class);
    }

    @Test
    void readsEveryInstantAsJavaTimeDoes() throws Exception {
        Random random = new Random(20261203);
        List<Instant> samples = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("2024-02-29T23:59:59Z"), Instant.parse("9999-12-31T23:59:59.9Z"), Instant.parse("0000-01-01T00:00:00Z")));
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(Instant.parse("1900-01-01T00:00:00Z").getEpochSecond(), Instant.parse("2200-01-01T00:00:00Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            samples.add(Instant.ofEpochSecond(seconds, nanos));
        }
        for (Instant instant : samples) {
            String text = instant.toString();
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(instant);
            assertThat(read('"' + text + '"')).as(text).isEqualTo(instant);
        }
    }

    @Test
    void fractionsOfAnyLengthUpToNanoseconds() throws Exception {
        assertThat(read("\"2026-12-03T05:00:00.5Z\"")).isEqualTo(Instant.parse("2026-12-03T05:00:00.500Z"));
        assertThat(read("\"2026-12-03T05:00:00.123456Z\"")).isEqualTo(Instant.parse("2026-12-03T05:00:00.123456Z"));
        assertThat(read("\"2026-12-03T05:00:00.000000001Z\"")).isEqualTo(Instant.ofEpochSecond(Instant.parse("2026-12-03T05:00:00Z").getEpochSecond(), 1));
    }

    @Test
    void otherShapesGetJacksonsOwnAnswers() throws Exception {
        ObjectMapper jacksonAlone = new ObjectMapper().registerModule(new JavaTimeModule());
        for (String json : List.of("\"2026-12-03T06:00:00+01:00\"", "1764738000", "\"2026-12-03T24:00:00Z\"",
                "\"2026-12-03T05:00:00.Z\"", "\"2026-02-30T00:00:00Z\"", "\"2026-12-03T05:00:60Z\"", "\"2026-12-03 05:00:00Z\"",
                "\"2026-12-03T05:00:00.1234567890Z\"", "\"2026-1a-03T05:00:00Z\"", "\"yesterday\"")) {
            Object expected;
            try {
                expected = jacksonAlone.readValue(json, Instant.class);
            } catch (JsonProcessingException rejected) {
                assertThatThrownBy(() -> read(json)).as(json).isInstanceOf(JsonProcessingException.class);
                continue;
            }
            assertThat(read(json)).as(json).isEqualTo(expected);
        }
        assertThat(read("\"2026-12-03T06:00:00+01:00\"")).isEqualTo(Instant.parse("2026-12-03T05:00:00Z"));
        assertThatThrownBy(() -> read("\"2026-02-30T00:00:00Z\"")).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void readsDecimalStringsAsJacksonDoes() throws Exception {
        ObjectMapper jacksonAlone = new ObjectMapper();
        Random random = new Random(9);
        List<String> texts = new ArrayList<>(List.of("0", "-0", "0.00000000", "123.45600000", "-0.000000012345", "99999999999999999999.123456789012345678",
                "1e5", "1E-8", "+1", " 1", "1 ", "", "-", ".", ".5", "5.", "1.2.3", "abc", "NaN", "0x10", "--1", "1_000", "１２"));
        for (int i = 0; i < 5_000; i++) {
            texts.add(new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(20)).toPlainString());
        }
        for (String text : texts) {
            String json = "\"" + text + "\"";
            BigDecimal expected;
            try {
                expected = jacksonAlone.readValue(json, BigDecimal.class);
            } catch (JsonProcessingException rejected) {
                assertThatThrownBy(() -> MAPPER.readValue(json, BigDecimal.class)).as(json).isInstanceOf(JsonProcessingException.class);
                continue;
            }
            BigDecimal read = MAPPER.readValue(json, BigDecimal.class);
            assertThat(read).as(json).isEqualTo(expected);
            if (expected != null) { // "" reads as null in both
                assertThat(read.scale()).as(json).isEqualTo(expected.scale());
            }
        }
        assertThat(MAPPER.readValue("\"0.00012340\"", BigDecimal.class).toPlainString()).isEqualTo("0.00012340");
        assertThat(MAPPER.readValue("12.5", BigDecimal.class)).isEqualTo(new BigDecimal("12.5"));
    }

    @Test
    void decimalsAreWrittenAsPlainDigits() throws Exception {
        assertThat(MAPPER.writeValueAsString(new BigDecimal("0E-8"))).isEqualTo("0.00000000");
        assertThat(MAPPER.writeValueAsString(new BigDecimal("1E-8"))).isEqualTo("0.00000001");
    }
}
