package io.trapwatch.detection.client;

import io.trapwatch.detection.domain.ClosedBar;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KlinePageReaderTest {

    private static final String SERIES = "spot:BTCUSDT:4h";

    /** A page as market-data-service renders it: every stored column, decimals as text. */
    private static final String PAGE = """
            {"market_type":"spot","symbol":"BTCUSDT","interval":"4h","klines":[
             {"open_time":"2024-03-01T08:00:00Z","close_time":"2024-03-01T11:59:59.999Z","open":"61234.56000000",
              "high":"62001.00000000","low":"61000.01000000","close":"61890.12000000","volume":"1234.56789000",
              "quote_volume":"76212345.12345678","trade_count":98765,"taker_buy_volume":"600.1",
              "taker_buy_quote_volume":"37000000.5"},
             {"open_time":"2024-03-01T12:00:00Z","close_time":"2024-03-01T15:59:59.999Z","open":"61890.12",
              "high":"61950","low":"0.00000001","close":"61500.5","volume":"0","trade_count":0,"extra":{"a":[1,2]}}
            ]}""";

    @Test
    void readsEveryBarAtFullPrecisionAndSkipsUnusedFields() {
        List<ClosedBar> bars = KlinePageReader.read(bytes(PAGE), SERIES);

        assertThat(bars).containsExactly(
                ClosedBar.of(Instant.parse("2024-03-01T08:00:00Z"), new BigDecimal("61234.56"), new BigDecimal("62001"),
                        new BigDecimal("61000.01"), new BigDecimal("61890.12"), new BigDecimal("1234.56789")),
                ClosedBar.of(Instant.parse("2024-03-01T12:00:00Z"), new BigDecimal("61890.12"), new BigDecimal("61950"),
                        new BigDecimal("0.00000001"), new BigDecimal("61500.5"), BigDecimal.ZERO));
        assertThat(bars.get(1).low().toPlainString()).isEqualTo("0.00000001");
    }

    @Test
    void anEmptyOrMissingListIsNoBars() {
        assertThat(KlinePageReader.read(bytes("{\"symbol\":\"BTCUSDT\",\"klines\":[]}"), SERIES)).isEmpty();
        assertThat(KlinePageReader.read(bytes("{\"symbol\":\"BTCUSDT\",\"klines\":null}"), SERIES)).isEmpty();
        assertThat(KlinePageReader.read(bytes("{\"symbol\":\"BTCUSDT\"}"), SERIES)).isEmpty();
    }

    @Test
    void aBarLackingAFieldNamesTheBarAndTheField() {
        String page = "{\"klines\":[{\"open_time\":\"2024-03-01T08:00:00Z\",\"open\":\"1\",\"high\":\"2\",\"low\":\"0.5\","
                + "\"volume\":\"10\"}]}";
        assertThatThrownBy(() -> KlinePageReader.read(bytes(page), SERIES))
                .hasMessage("market-data bar 0 of spot:BTCUSDT:4h lacks close");
    }

    @Test
    void aNonNumericDecimalNamesTheField() {
        String page = "{\"klines\":[{\"open_time\":\"2024-03-01T08:00:00Z\",\"open\":\"1\",\"high\":\"2\",\"low\":\"0.5\","
                + "\"close\":\"1.5\",\"volume\":\"ten\"}]}";
        assertThatThrownBy(() -> KlinePageReader.read(bytes(page), SERIES))
                .hasMessage("market-data bar 0 of spot:BTCUSDT:4h: volume is not a decimal: ten");
    }

    @Test
    void malformedJsonOrAnotherShapeIsRejected() {
        assertThatThrownBy(() -> KlinePageReader.read(bytes("{\"klines\":[{\"open_time\":"), SERIES))
                .hasMessageStartingWith("market-data page for spot:BTCUSDT:4h is not valid JSON");
        assertThatThrownBy(() -> KlinePageReader.read(bytes("[1,2]"), SERIES))
                .hasMessage("market-data page for spot:BTCUSDT:4h: the page is not an object");
        assertThatThrownBy(() -> KlinePageReader.read(bytes("{\"klines\":[1]}"), SERIES))
                .hasMessage("market-data page for spot:BTCUSDT:4h: klines is not a list of objects");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
