package io.trapwatch.marketdata.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.marketdata.domain.MalformedResponseException;
import io.trapwatch.marketdata.domain.ParsedKlines;
import io.trapwatch.marketdata.support.BinanceStub;
import io.trapwatch.model.Kline;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KlineRowParserTest {

    private final KlineRowParser parser = new KlineRowParser(new ObjectMapper());

    private static final String GOOD_1 = "[1615032000000,\"48171.02000000\",\"48212.85000000\",\"47070.00000000\",\"47267.88000000\",\"9700.06641200\",1615046399999,\"0\",0,\"0\",\"0\",\"0\"]";
    private static final String GOOD_2 = "[1615046400000,\"47267.88000000\",\"48690.60000000\",\"47104.85000000\",\"48341.01000000\",\"8749.54508300\",1615060799999,\"12.5\",42,\"1.25\",\"0.00000001\",\"0\"]";
    private static final String GOOD_3 = "[1615060800000,\"48341.00000000\",\"49200.00000000\",\"48223.36000000\",\"48882.20000000\",\"7536.41489100\",1615075199999,\"0\",0,\"0\",\"0\",\"0\"]";

    @Test
    void parsesEveryRecordedRowWithExactDecimals() {
        ParsedKlines parsed = parser.parse("BTCUSDT", BinanceStub.resource("/binance/spot/klines/BTCUSDT-4h.json"));
        assertThat(parsed.rejections()).isEmpty();
        assertThat(parsed.bars()).hasSize(800);
        Kline first = parsed.bars().get(0);
        assertThat(first.openTime()).isEqualTo(Instant.parse("2021-03-06T12:00:00Z"));
        assertThat(first.closeTime()).isEqualTo(Instant.parse("2021-03-06T15:59:59.999Z"));
        assertThat(first.open().toPlainString()).isEqualTo("48171.02000000");
        assertThat(first.volume().toPlainString()).isEqualTo("9700.06641200");
    }

    @Test
    void parsesAllElevenFields() {
        Kline k = parser.parse("BTCUSDT", "[" + GOOD_2 + "]").bars().get(0);
        assertThat(k.quoteVolume()).isEqualTo(new BigDecimal("12.5"));
        assertThat(k.tradeCount()).isEqualTo(42);
        assertThat(k.takerBuyVolume()).isEqualTo(new BigDecimal("1.25"));
        assertThat(k.takerBuyQuoteVolume().toPlainString()).isEqualTo("0.00000001");
    }

    @Test
    void rejectsBadRowsNamingSymbolAndFieldAndKeepsTheRest() {
        String missingField = "[1615046400000,\"47267.88000000\",\"48690.60000000\"]";
        String nonNumeric = GOOD_2.replace("\"48690.60000000\"", "\"48,690.6\"");
        String highBelowLow = GOOD_2.replace("\"48690.60000000\"", "\"47000.00000000\"");
        String numberNotString = GOOD_2.replace("\"8749.54508300\"", "8749.545083");
        String body = "[" + GOOD_1 + "," + missingField + "," + nonNumeric + "," + highBelowLow + "," + numberNotString
                + "," + GOOD_2 + "," + GOOD_1 + "," + GOOD_3 + "]";
        ParsedKlines parsed = parser.parse("BTCUSDT", body);
        assertThat(parsed.bars()).extracting(Kline::openTime).containsExactly(
                Instant.ofEpochMilli(1615032000000L), Instant.ofEpochMilli(1615046400000L), Instant.ofEpochMilli(1615060800000L));
        assertThat(parsed.rejections()).hasSize(5);
        assertThat(parsed.rejections()).allMatch(r -> r.startsWith("BTCUSDT: kline row "));
        assertThat(parsed.rejections().get(0)).contains("row 1", "field low", "missing");
        assertThat(parsed.rejections().get(1)).contains("row 2", "field high", "not numeric: \"48,690.6\"");
        assertThat(parsed.rejections().get(2)).contains("row 3", "field high", "below low");
        assertThat(parsed.rejections().get(3)).contains("row 4", "field volume", "not a decimal string");
        assertThat(parsed.rejections().get(4)).contains("row 6", "field open_time", "not after the previous row");
    }

    @Test
    void truncatedOrNonArrayAnswersAreMalformed() {
        String recorded = BinanceStub.resource("/binance/spot/klines/BTCUSDT-4h.json");
        assertThatThrownBy(() -> parser.parse("ETHUSDT", recorded.substring(0, recorded.length() / 2)))
                .isInstanceOf(MalformedResponseException.class).hasMessageStartingWith("ETHUSDT: klines answer is not valid JSON");
        assertThatThrownBy(() -> parser.parse("ETHUSDT", "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"))
                .isInstanceOf(MalformedResponseException.class).hasMessage("ETHUSDT: klines answer is not a JSON array");
    }
}
