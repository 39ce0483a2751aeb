package io.trapwatch.detection.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Discovery parity with the reference scan on real Binance data (shared/parity/README.md): the
 * first monitor of every series has the reference's trigger bar, exact trigger values and ratios
 * within ±0.01; series the reference found nothing in get no monitor at all.
 */
class ParityTest {

    private static final MathContext FLOAT_TEXT_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);
    private static final Path PARITY = KlineFile.resource("parity");
    private static final Map<String, JsonNode> REFERENCE = loadReference();

    private static Map<String, JsonNode> loadReference() {
        try {
            Map<String, JsonNode> rows = new HashMap<>();
            for (JsonNode row : new ObjectMapper().readTree(PARITY.resolve("reference-discovery.json").toFile())) {
                rows.put(key(row.get("market_type").asText(), row.get("symbol").asText(), row.get("interval").asText()),
                        row);
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String market, String symbol, String interval) {
        return market + "/" + symbol + "/" + interval;
    }

    /** {@code spot/BTCUSDT-1h.json} → {@code spot/BTCUSDT/1h}. */
    private static String key(Path file) {
        String name = file.getFileName().toString().replace(".json", "");
        int dash = name.lastIndexOf('-');
        return key(file.getParent().getFileName().toString(), name.substring(0, dash), name.substring(dash + 1));
    }

    static List<Path> series() {
        return KlineFile.under(PARITY);
    }

    @Test
    void coversTheScopeOfTheReferenceRun() {
        List<Path> files = series();

        assertThat(files).hasSize(59 + 40 + 41 + 40 + 5);
        assertThat(files.stream().map(ParityTest::key).toList()).containsAll(REFERENCE.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("series")
    void firstMonitorMatchesTheReference(Path file) {
        List<KlineFile.Row> rows = KlineFile.read(file);
        SeriesEngine engine = new SeriesEngine(DetectionSettings.defaults());
        Optional<Transition> first = rows.stream()
                .flatMap(row -> engine.onBar(row.bar()).stream())
                .filter(transition -> transition.from() == null)
                .findFirst();

        JsonNode expected = REFERENCE.get(key(file));
        if (expected == null) {
            assertThat(first).as("no trigger bar in %s", file.getFileName()).isEmpty();
            return;
        }
        assertThat(first).as("a monitor in %s", file.getFileName()).isPresent();
        Transition creation = first.get();
        long triggerTime = Instant.parse(expected.get("trigger_open_time").asText()).toEpochMilli();
        assertThat(creation.barOpenTime()).as("trigger bar").isEqualTo(triggerTime);

        KlineFile.Row trigger = rows.stream().filter(row -> row.bar().openTime() == triggerTime).findFirst().orElseThrow();
        assertDecimal(trigger.close(), expected, "trigger_price");
        assertDecimal(trigger.high(), expected, "trigger_high");
        assertDecimal(trigger.low(), expected, "trigger_low");
        assertDecimal(trigger.volume(), expected, "trigger_volume");
        assertThat(creation.after()).isEqualTo(new MonitorState(triggerTime, trigger.bar().close(), trigger.bar().high(),
                trigger.bar().low(), trigger.bar().volume(), creation.to(), MonitorState.NOT_CONFIRMED, true, false, false));

        for (String ratio : List.of("rvol_ratio", "amplitude_ratio", "upper_shadow_ratio")) {
            assertThat((Double) creation.indicators().get(ratio)).as(ratio)
                    .isCloseTo(expected.get(ratio).asDouble(), within(0.01));
        }
    }

    /**
     * Exact decimal equality. Exception found in the data: 9 trigger volumes are written in the
     * files with 17 significant digits (float noise of the sources, e.g. "330270303.99999994"),
     * and the reference stored them through a 15-significant-digit float text
     * ("330270304.00000000"). For such values only, equality is checked at 15 significant digits.
     */
    private static void assertDecimal(String actual, JsonNode expected, String field) {
        BigDecimal value = new BigDecimal(actual);
        BigDecimal reference = new BigDecimal(expected.get(field).asText());
        if (value.stripTrailingZeros().precision() > FLOAT_TEXT_DIGITS.getPrecision()) {
            assertThat(value.round(FLOAT_TEXT_DIGITS)).as(field + " at 15 significant digits")
                    .isEqualByComparingTo(reference);
        } else {
            assertThat(value).as(field).isEqualByComparingTo(reference);
        }
    }
}
