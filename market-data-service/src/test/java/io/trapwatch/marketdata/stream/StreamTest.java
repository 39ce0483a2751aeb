package io.trapwatch.marketdata.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.trapwatch.infra.TestTokens;
import io.trapwatch.marketdata.replay.ReplayStreamServer;
import io.trapwatch.marketdata.service.KlineStreamService;
import io.trapwatch.marketdata.support.Db;
import io.trapwatch.marketdata.support.KlineClosedTopic;
import io.trapwatch.marketdata.support.ServiceTest;
import io.trapwatch.marketdata.support.ShiftableClock;
import io.trapwatch.model.MarketType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * The streaming path over a real WebSocket: the service in replay mode subscribes to its own Binance-compatible
 * replay stream server; moving the replay clock closes bars, which arrive as Binance's kline messages and go
 * through the real PostgreSQL store and outbox onto the real Kafka topic.
 */
@ServiceTest
@TestProfile(StreamProfile.class)
class StreamTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** 55 recorded spot USDT pairs + XMRUSDT (kline files only); futures BTCUSDT and DOGEUSDT; interval 4h. */
    private static final int SPOT_STREAMS = 56;
    private static final int FUTURES_STREAMS = 2;
    /** Spot series with recorded 4h bars around the replay start; the futures files are from 2023 (nothing closes). */
    private static final List<String> RECORDED = List.of("BTCUSDT", "ETHUSDT", "XMRUSDT");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long FOUR_HOURS = Duration.ofHours(4).toMillis();

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ReplayStreamServer server;
    @Inject
    KlineStreamService streams;
    @Inject
    ShiftableClock clock;

    @BeforeEach
    void noStreamsNoData() {
        resetServer();
        Db.exec(dataSource, "TRUNCATE market_data.instrument");
        streams.resync(MarketType.SPOT);
        streams.resync(MarketType.FUTURES);
        await().atMost(WAIT).until(() -> server.stats().open() == 0 && gapFillsRunning() == 0);
        Db.truncateAll(dataSource);
    }

    @AfterEach
    void resetServer() {
        server.refuseConnections(false);
        server.dropAfter(-1);
    }

    @Test
    void closedBarsAreStoredOnceAndAnnouncedOnceEvenWhenRestOrTheStreamRepeatsThem() throws Exception {
        startStreaming();
        long stored = klines();
        long last = lastStoredOpen("BTCUSDT");
        JsonPath before = status();
        try (KlineClosedTopic topic = new KlineClosedTopic()) {
            advanceBars(2); // closes the next two 4h bars of every recorded series

            List<ConsumerRecord<String, String>> events = topic.read(6, WAIT);
            List<String> expected = new java.util.ArrayList<>();
            for (String symbol : RECORDED) {
                expected.add("spot:" + symbol + ":4h:" + (last + FOUR_HOURS));
                expected.add("spot:" + symbol + ":4h:" + (last + 2 * FOUR_HOURS));
            }
            assertThat(eventIds(events)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(klines()).isEqualTo(stored + 6);
            JsonPath after = status();
            assertThat(delta(before, after, "spot", "bars_received")).isEqualTo(6);
            assertThat(delta(before, after, "spot", "bars_stored")).isEqualTo(6);
            // every bar was first pushed as the forming candle (x:false), which stores nothing
            assertThat(delta(before, after, "spot", "not_closed")).isEqualTo(6);
            given().get("/api/market-data/klines?market_type=spot&symbol=BTCUSDT&interval=4h&start="
                            + Instant.ofEpochMilli(last + 2 * FOUR_HOURS)).then()
                    .body("klines[0].close", equalTo(recordedRow("BTCUSDT", last + 2 * FOUR_HOURS).get(4).asText()));

            // the REST path finds nothing new, and the same closed bar streamed again is not stored again
            given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/klines/update?market_type=spot&interval=4h&symbols=BTCUSDT,ETHUSDT,XMRUSDT")
                    .then().statusCode(200).body("bars_saved", equalTo(0));
            server.inject(MarketType.SPOT, server.klineMessage("btcusdt@kline_4h",
                    recordedRow("BTCUSDT", last + 2 * FOUR_HOURS).toString(), true, 1L));
            await().atMost(WAIT).until(() -> counter("spot", "bars_received") == before.getLong(path("spot", "bars_received")) + 7);
            assertThat(topic.read(0, Duration.ZERO)).isEmpty();
            assertThat(klines()).isEqualTo(stored + 6);
            assertThat(Db.count(dataSource, "SELECT count(*) FROM market_data.kline_outbox")).isZero();
        }
    }

    @Test
    void aConnectionDroppedMidStreamAndWhileBarsCloseIsFilledOverRestWithNothingMissingOrDoubled() throws Exception {
        startStreaming();
        long stored = klines();
        long last = lastStoredOpen("BTCUSDT");
        long accepted = server.stats().accepted();
        JsonPath before = status();
        try (KlineClosedTopic topic = new KlineClosedTopic()) {
            server.refuseConnections(true);
            server.dropAfter(3); // the forming and the closed message of one stream get out, then the network fails
            advanceBars(1);
            await().atMost(WAIT).until(() -> counter("spot", "reconnects") == before.getLong(path("spot", "reconnects")) + 1
                    && counter("futures", "reconnects") == before.getLong(path("futures", "reconnects")) + 1);
            advanceBars(2); // two more bars close while no connection can be made
            await().atMost(WAIT).until(() -> counter("spot", "connect_failures") > before.getLong(path("spot", "connect_failures")));
            server.refuseConnections(false);
            awaitStreaming(SPOT_STREAMS, FUTURES_STREAMS);

            List<ConsumerRecord<String, String>> events = topic.read(9, WAIT);
            assertThat(events).hasSize(9);
            assertThat(eventIds(events)).doesNotHaveDuplicates();
            assertThat(klines()).isEqualTo(stored + 9);
            for (String symbol : RECORDED) {
                given().get("/api/market-data/klines?market_type=spot&symbol=" + symbol + "&interval=4h&start=" + Instant.ofEpochMilli(last))
                        .then().body("klines.open_time", contains(Instant.ofEpochMilli(last).toString(),
                                Instant.ofEpochMilli(last + FOUR_HOURS).toString(), Instant.ofEpochMilli(last + 2 * FOUR_HOURS).toString(),
                                Instant.ofEpochMilli(last + 3 * FOUR_HOURS).toString()));
            }
            JsonPath after = status();
            // whatever the stream delivered before the drop plus what the REST fill found: all nine, once
            assertThat(delta(before, after, "spot", "bars_stored") + delta(before, after, "spot", "gap_fill_bars")).isEqualTo(9);
            assertThat(delta(before, after, "spot", "gap_fill_bars")).isGreaterThanOrEqualTo(8);
            assertThat(server.stats().accepted()).isEqualTo(accepted + 2);
        }
    }

    @Test
    void renewingBeforeTheDayIsOverAndOnServerShutdownLosesNothing() throws Exception {
        startStreaming();
        long stored = klines();
        long accepted = server.stats().accepted();
        JsonPath before = status();
        try (KlineClosedTopic topic = new KlineClosedTopic()) {
            clock.shift(Duration.ofHours(23)); // the connections are now due for renewal
            advanceBars(1);
            await().atMost(WAIT).until(() -> server.stats().accepted() == accepted + 2);
            awaitStreaming(SPOT_STREAMS, FUTURES_STREAMS);
            advanceBars(1);
            server.announceShutdown();
            await().atMost(WAIT).until(() -> server.stats().accepted() == accepted + 4);
            awaitStreaming(SPOT_STREAMS, FUTURES_STREAMS);
            advanceBars(1);

            List<ConsumerRecord<String, String>> events = topic.read(9, WAIT);
            assertThat(events).hasSize(9);
            assertThat(eventIds(events)).doesNotHaveDuplicates();
            assertThat(klines()).isEqualTo(stored + 9);
            JsonPath after = status();
            assertThat(delta(before, after, "spot", "rotations")).isEqualTo(2);
            assertThat(delta(before, after, "futures", "rotations")).isEqualTo(2);
            assertThat(delta(before, after, "spot", "reconnects")).isZero();
            assertThat(server.stats().open()).isEqualTo(2);
        }
    }

    @Test
    void malformedAndFormingMessagesStoreNothingAndAreCounted() throws Exception {
        startStreaming();
        long stored = klines();
        JsonPath before = status();
        String good = server.klineMessage("btcusdt@kline_4h", recordedRow("BTCUSDT", lastStoredOpen("BTCUSDT") + FOUR_HOURS).toString(), true, 1L);
        try (KlineClosedTopic topic = new KlineClosedTopic()) {
            server.inject(MarketType.SPOT, "{not json");
            server.inject(MarketType.SPOT, good.replaceFirst("\"h\":\"[0-9.]+\"", "\"h\":\"0.00000001\"")); // high below low
            server.inject(MarketType.SPOT, good.replace("\"stream\":\"btcusdt@kline_4h\"", "\"stream\":\"ethusdt@kline_4h\""));
            server.inject(MarketType.SPOT, good.replace("\"x\":true", "\"x\":\"yes\""));
            server.inject(MarketType.SPOT, good.replace("\"e\":\"kline\"", "\"e\":\"trade\""));
            server.inject(MarketType.SPOT, good.replace("\"x\":true", "\"x\":false"));
            await().atMost(WAIT).until(() -> counter("spot", "malformed") == before.getLong(path("spot", "malformed")) + 5
                    && counter("spot", "not_closed") == before.getLong(path("spot", "not_closed")) + 1);

            JsonPath after = status();
            assertThat(delta(before, after, "spot", "bars_received")).isZero();
            assertThat(after.getString(path("spot", "last_malformed"))).isEqualTo("not a kline event: e=trade");
            assertThat(klines()).isEqualTo(stored);
            assertThat(topic.read(0, Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void streamsBeyond1024OpenASecondConnectionPacedWithinTheMessageLimitAndFollowTheInstruments() {
        startStreaming();
        // 1000 more active spot instruments (no recorded data: their REST fills fail and are retried, which is fine)
        Db.exec(dataSource, "INSERT INTO market_data.instrument (exchange, market_type, symbol, status, first_seen, updated_at) "
                + "SELECT 'binance', 'spot', 'X' || lpad(i::text, 4, '0') || 'USDT', 'active', now(), now() FROM generate_series(1, 1000) i");
        streams.resync(MarketType.SPOT);
        await().atMost(WAIT).until(() -> server.stats().streams() == SPOT_STREAMS + 1000 + FUTURES_STREAMS);
        JsonPath status = status();
        assertThat(status.getList(path("spot", "connections.streams"), Integer.class)).containsExactly(1024, 32);
        assertThat(server.stats().open()).isEqualTo(3);
        assertThat(server.stats().streams()).isEqualTo(SPOT_STREAMS + 1000 + FUTURES_STREAMS);
        assertThat(server.stats().rateViolations()).isZero();

        // X0961…X1000 delisted: 8 leave the first connection, the second carries nothing any more and is closed
        Db.exec(dataSource, "UPDATE market_data.instrument SET status = 'delisted' WHERE symbol ~ '^X[0-9]{4}USDT$' AND symbol > 'X0960USDT'");
        streams.resync(MarketType.SPOT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(server.stats().streams())
                .as(() -> server.stats() + " " + status().prettify()).isEqualTo(SPOT_STREAMS + 960 + FUTURES_STREAMS));
        assertThat(status().getList(path("spot", "connections.streams"), Integer.class)).containsExactly(1024 - 8);
        await().atMost(WAIT).until(() -> server.stats().open() == 2);
        assertThat(server.stats().rateViolations()).isZero();
    }

    private void startStreaming() {
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/instruments/sync?market_type=spot&exchange=binance").then().statusCode(200)
                .body("active", equalTo(SPOT_STREAMS));
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/instruments/sync?market_type=futures&exchange=binance").then().statusCode(200)
                .body("active", equalTo(FUTURES_STREAMS));
        awaitStreaming(SPOT_STREAMS, FUTURES_STREAMS);
    }

    /** Every connection streaming (none being renewed), the given streams subscribed, no REST fill running. */
    private void awaitStreaming(int spot, int futures) {
        await().atMost(WAIT).until(settled(spot, futures));
    }

    private Callable<Boolean> settled(int spot, int futures) {
        return () -> {
            JsonPath s = status();
            return marketSettled(s, "spot", spot) && marketSettled(s, "futures", futures)
                    && server.stats().streams() == spot + futures;
        };
    }

    private static boolean marketSettled(JsonPath s, String market, int streams) {
        List<String> states = s.getList(path(market, "connections.state"), String.class);
        List<Boolean> renewing = s.getList(path(market, "connections.renewing"), Boolean.class);
        return s.getInt(path(market, "streams")) == streams && s.getInt(path(market, "gap_fills_running")) == 0
                && states.stream().allMatch("streaming"::equals) && renewing.stream().noneMatch(Boolean::booleanValue);
    }

    private void advanceBars(int bars) {
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/replay/advance?bars=" + bars + "&interval=4h").then().statusCode(200);
    }

    private long lastStoredOpen(String symbol) {
        return Db.count(dataSource, "SELECT (extract(epoch FROM max(open_time)) * 1000)::bigint FROM market_data.kline "
                + "WHERE market_type = 'spot' AND symbol = ? AND interval = '4h'", symbol);
    }

    private long klines() {
        return Db.count(dataSource, "SELECT count(*) FROM market_data.kline");
    }

    private long gapFillsRunning() {
        JsonPath s = status();
        return s.getLong(path("spot", "gap_fills_running")) + s.getLong(path("futures", "gap_fills_running"));
    }

    private static JsonPath status() {
        return given().get("/api/market-data/stream").then().statusCode(200).extract().jsonPath();
    }

    private static long counter(String market, String field) {
        return status().getLong(path(market, field));
    }

    private static long delta(JsonPath before, JsonPath after, String market, String field) {
        return after.getLong(path(market, field)) - before.getLong(path(market, field));
    }

    private static String path(String market, String field) {
        return "markets.find { it.market_type == '" + market + "' }." + field;
    }

    private static List<String> eventIds(List<ConsumerRecord<String, String>> events) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> e : events) {
            ids.add(MAPPER.readTree(e.value()).path("eventId").asText());
        }
        return ids;
    }

    private static JsonNode recordedRow(String symbol, long openTime) throws Exception {
        JsonNode rows = MAPPER.readTree(Files.readString(Path.of("target/test-classes/replay/spot/klines/" + symbol + "-4h.json")));
        for (JsonNode row : rows) {
            if (row.path(0).asLong() == openTime) {
                return row;
            }
        }
        throw new IllegalArgumentException(symbol + " has no recorded bar opening at " + Instant.ofEpochMilli(openTime));
    }
}
