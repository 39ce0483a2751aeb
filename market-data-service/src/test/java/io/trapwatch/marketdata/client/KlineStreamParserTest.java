package io.trapwatch.marketdata.client;

import io.trapwatch.marketdata.domain.KlineStreamMessage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class KlineStreamParserTest {

    /** A combined-stream kline message in Binance's documented shape (values of a real BTCUSDT 4h bar). */
    private static final String CLOSED = """
            {"stream":"btcusdt@kline_4h","data":{"e":"kline","E":1625112000123,"s":"BTCUSDT","k":{"t":1625097600000,
            "T":1625111999999,"s":"BTCUSDT","i":"4h","f":930000000,"L":930100000,"o":"35045.00000000","c":"33570.63000000",
            "h":"35059.09000000","l":"33125.55000000","v":"13893.88549800","n":512345,"x":true,"q":"470123456.12345678",
            "V":"6500.10000000","Q":"220000000.00000000","B":"0"}}}""";

    private final KlineStreamParser parser = new KlineStreamParser(MarketType.FUTURES, new ObjectMapper());

    @Test
    void aClosedKlineIsABarOfTheConnectionsMarketWithExactDecimals() {
        KlineStreamMessage.Bar bar = (KlineStreamMessage.Bar) parser.parse(CLOSED);
        assertThat(bar.series()).isEqualTo(new SeriesKey(MarketType.FUTURES, "BTCUSDT", Interval.H4));
        assertThat(bar.kline().openTime()).isEqualTo(Instant.parse("2021-07-01T00:00:00Z"));
        assertThat(bar.kline().closeTime()).isEqualTo(Instant.parse("2021-07-01T03:59:59.999Z"));
        assertThat(bar.kline().close().toPlainString()).isEqualTo("33570.63000000");
        assertThat(bar.kline().quoteVolume().toPlainString()).isEqualTo("470123456.12345678");
        assertThat(bar.kline().tradeCount()).isEqualTo(512345);
        assertThat(bar.kline().takerBuyQuoteVolume().toPlainString()).isEqualTo("220000000.00000000");
    }

    @Test
    void aFormingKlineIsNotClosed() {
        assertThat(parser.parse(CLOSED.replace("\"x\":true", "\"x\":false"))).isEqualTo(new KlineStreamMessage.Forming());
        // the same event outside the combined-stream envelope (a raw stream) is read in full and is forming too
        String raw = CLOSED.substring(CLOSED.indexOf("\"data\":") + 7, CLOSED.length() - 1);
        assertThat(parser.parse(raw.replace("\"x\":true", "\"x\":false"))).isEqualTo(new KlineStreamMessage.Forming());
        assertThat(parser.parse(raw)).isInstanceOf(KlineStreamMessage.Bar.class);
    }

    @Test
    void repliesAndServerShutdownAreRecognised() {
        assertThat(parser.parse("{\"result\":null,\"id\":7}")).isEqualTo(new KlineStreamMessage.Reply(7, null));
        assertThat(parser.parse("{\"error\":{\"code\":2,\"msg\":\"Invalid request\"},\"id\":8}"))
                .isEqualTo(new KlineStreamMessage.Reply(8, "{\"code\":2,\"msg\":\"Invalid request\"}"));
        assertThat(parser.parse("{\"e\":\"serverShutdown\",\"E\":1700000000000}")).isEqualTo(new KlineStreamMessage.ServerShutdown(1700000000000L));
    }

    @Test
    void everyBrokenMessageIsMalformedWithItsReason() {
        assertThat(malformed("{oops")).startsWith("not JSON");
        assertThat(malformed("[1,2]")).isEqualTo("not a JSON object");
        assertThat(malformed(CLOSED.replace("\"e\":\"kline\"", "\"e\":\"aggTrade\""))).isEqualTo("not a kline event: e=aggTrade");
        assertThat(malformed(CLOSED.replace("\"x\":true", "\"x\":1"))).isEqualTo("BTCUSDT: kline without boolean x (closed flag)");
        assertThat(malformed(CLOSED.replace("\"i\":\"4h\"", "\"i\":\"15m\""))).isEqualTo("BTCUSDT: unsupported kline interval '15m'");
        assertThat(malformed(CLOSED.replace("btcusdt@kline_4h", "ethusdt@kline_4h")))
                .isEqualTo("kline of BTCUSDT 4h on stream ethusdt@kline_4h");
        assertThat(malformed(CLOSED.replace("\"h\":\"35059.09000000\"", "\"h\":\"1.0\"")))
                .isEqualTo("BTCUSDT: kline row 0 rejected, field high: high 1.0 is below low 33125.55000000");
        assertThat(malformed(CLOSED.replace("\"c\":\"33570.63000000\",", ""))).contains("field close: missing");
    }

    private String malformed(String text) {
        return ((KlineStreamMessage.Malformed) parser.parse(text)).reason();
    }
}
