package io.trapwatch.marketdata.rest;

import io.trapwatch.infra.TestTokens;
import io.trapwatch.infra.http.PrometheusText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.agroal.api.AgroalDataSource;
import io.restassured.response.ValidatableResponse;
import io.trapwatch.marketdata.support.BinanceStub;
import io.trapwatch.marketdata.support.BinanceStub.Fault;
import io.trapwatch.marketdata.support.Db;
import io.trapwatch.marketdata.support.KlineClosedTopic;
import io.trapwatch.marketdata.support.ServiceTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** K-line updates against recorded Binance answers over HTTP, stored in PostgreSQL, published to the real broker. */
@ServiceTest
class KlineUpdateTest {

    private static final long H4 = 4 * 3_600_000L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    private final BinanceStub stub = BinanceStub.get();
    private KlineClosedTopic topic;

    @BeforeEach
    void setUp() {
        Db.truncateAll(dataSource);
        stub.reset();
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/instruments/sync?market_type=spot&exchange=binance").then().statusCode(200);
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/instruments/sync?market_type=futures&exchange=binance").then().statusCode(200);
        topic = new KlineClosedTopic();
    }

    @AfterEach
    void tearDown() {
        topic.close();
    }

    @Test
    void backfillStoresOnlyClosedBarsAndPublishesEachOnceInOrder() throws Exception {
        // Stub clock 2021-07-01T02:00Z: the 00:00 candle is still forming.
        long forming = Instant.parse("2021-07-01T00:00:00Z").toEpochMilli();
        PrometheusText before = metrics();
        Map<String, Object> body = update("spot", "4h", "BTCUSDT,ETHUSDT", 100).statusCode(200)
                .body("market_type", equalTo("spot")).body("interval", equalTo("4h")).body("instruments", equalTo(2))
                .body("bars_saved", equalTo(200)).body("events_published", equalTo(200)).body("events_queued", equalTo(0))
                .body("failed", empty()).body("rejected_rows", empty()).extract().jsonPath().getMap("");
        // One flat object, as documented, although the result is built from three small records.
        assertThat(body).containsOnlyKeys("market_type", "interval", "instruments", "bars_saved", "events_published",
                "events_queued", "failed", "rejected_rows", "store_ms", "publish_ms", "elapsed_ms");
        // A new series asks for the newest 100 bars ending before the forming one (no startTime).
        assertThat(stub.requests("spot", "klines")).hasSize(2).allSatisfy(r -> {
            assertThat(r.query()).doesNotContainKey("startTime").containsEntry("endTime", String.valueOf(forming - 1))
                    .containsEntry("limit", "100");
        });
        assertThat(Db.count(dataSource, "SELECT count(*) FROM market_data.kline WHERE close_time >= '2021-07-01T00:00:00Z'")).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM market_data.kline WHERE symbol = 'BTCUSDT' AND market_type = 'spot' "
                + "AND interval = '4h' AND open_time = '2021-06-30T20:00:00Z'")).isEqualTo(1);

        List<ConsumerRecord<String, String>> events = topic.read(200, Duration.ofSeconds(30));
        assertThat(events).hasSize(200);
        assertEventsMatchStoredBars(events);

        // The same update again: nothing new closed, so no call, no row, no event.
        int calls = stub.requests("spot", "klines").size();
        update("spot", "4h", "BTCUSDT,ETHUSDT", 100).statusCode(200)
                .body("bars_saved", equalTo(0)).body("events_published", equalTo(0));
        assertThat(stub.requests("spot", "klines")).hasSize(calls);
        assertThat(topic.read(0, Duration.ZERO)).isEmpty();

        // Three more candles close: the incremental update asks from the bar after the last stored one.
        stub.serverTime(stub.serverTime() + 3 * H4);
        update("spot", "4h", "BTCUSDT,ETHUSDT", 100).statusCode(200)
                .body("bars_saved", equalTo(6)).body("events_published", equalTo(6));
        assertThat(stub.requests("spot", "klines").subList(calls, calls + 2))
                .allSatisfy(r -> assertThat(r.query()).containsEntry("startTime", String.valueOf(forming))
                        .containsEntry("endTime", String.valueOf(forming + 3 * H4 - 1)).containsEntry("limit", "3"));
        List<ConsumerRecord<String, String>> more = topic.read(6, Duration.ofSeconds(30));
        assertThat(more).hasSize(6);
        assertEventsMatchStoredBars(more);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM market_data.kline")).isEqualTo(206);

        // The metrics say the same: 206 bars stored and published for spot 4h, nothing left in the outbox, and the
        // ingest lag is now minus the newest stored close of the series furthest behind (both are level here).
        long newestClose = Db.count(dataSource, "SELECT floor(extract(epoch FROM min(c)))::bigint FROM (SELECT max(close_time) c "
                + "FROM market_data.kline WHERE market_type = 'spot' AND interval = '4h' GROUP BY symbol) s");
        long lagBefore = Instant.now().getEpochSecond() - newestClose;
        PrometheusText after = metrics();
        long lagAfter = Instant.now().getEpochSecond() - newestClose;
        assertThat(after.sum("trapwatch_bars_stored_total", "market_type", "spot", "interval", "4h")
                - before.sum("trapwatch_bars_stored_total", "market_type", "spot", "interval", "4h")).isEqualTo(206);
        assertThat(after.sum("trapwatch_events_published_total", "market_type", "spot", "interval", "4h")
                - before.sum("trapwatch_events_published_total", "market_type", "spot", "interval", "4h")).isEqualTo(206);
        assertThat(after.sum("trapwatch_bars_stored_total", "market_type", "futures")
                - before.sum("trapwatch_bars_stored_total", "market_type", "futures")).isZero();
        assertThat(after.sum("trapwatch_outbox_depth")).isZero();
        assertThat(after.sum("trapwatch_ingest_lag_seconds", "market_type", "spot", "interval", "4h"))
                .isBetween((double) lagBefore - 1, (double) lagAfter + 1);
        assertThat(after.sum("trapwatch_binance_weight_used", "market_type", "spot")
                + after.sum("trapwatch_binance_weight_remaining", "market_type", "spot")).isEqualTo(6000);
    }

    private static PrometheusText metrics() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void updatesEveryActiveInstrumentWhenNoSymbolsAreGiven() throws Exception {
        // A universe of the three futures symbols that have recorded 4h or 1h klines.
        JsonNode root = MAPPER.readTree(BinanceStub.resource("/binance/futures/exchangeInfo.json"));
        ArrayNode kept = MAPPER.createArrayNode();
        root.get("symbols").forEach(s -> {
            if (List.of("BTCUSDT", "ETHUSDT").contains(s.get("symbol").asText())) {
                kept.add(s);
            }
        });
        ((com.fasterxml.jackson.databind.node.ObjectNode) root).set("symbols", kept);
        stub.exchangeInfo("futures", root.toString());
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/instruments/sync?market_type=futures&exchange=binance").then().body("active", equalTo(2));
        stub.serverTime(Instant.parse("2023-08-10T01:00:00Z").toEpochMilli());
        // BTCUSDT has a 4h file; ETHUSDT has none, which Binance would never do: the error is reported for it alone.
        update("futures", "4h", null, 50).statusCode(200).body("instruments", equalTo(2)).body("bars_saved", equalTo(50))
                .body("failed", hasSize(1)).body("failed[0].symbol", equalTo("ETHUSDT"))
                .body("failed[0].error", containsString("HTTP 400"));
        // futures weight rule: limit 50 costs 1, and the futures path prefix is used
        assertThat(stub.requests("futures", "klines")).extracting(r -> r.query().get("limit")).containsOnly("50");
        assertThat(topic.read(50, Duration.ofSeconds(30))).hasSize(50);
    }

    @Test
    void longBackfillsArePagedBackwardsAndPublishedOldestFirst() throws Exception {
        update("spot", "1h", "BTCUSDT", 1500).statusCode(200).body("bars_saved", equalTo(1500))
                .body("events_published", equalTo(1500));
        List<BinanceStub.Request> calls = stub.requests("spot", "klines");
        // The newest 1000 closed bars (ending before the forming one), then the 500 before them: one request per
        // 1000 bars, none spent on the forming candle.
        assertThat(calls).extracting(r -> r.query().get("limit")).containsExactly("1000", "500");
        assertThat(calls).allSatisfy(r -> assertThat(r.query()).doesNotContainKey("startTime").containsKey("endTime"));
        List<ConsumerRecord<String, String>> events = topic.read(1500, Duration.ofSeconds(30));
        assertThat(events).hasSize(1500);
        assertEventsMatchStoredBars(events);
    }

    @Test
    void oneSymbolsServerErrorsDoNotStopTheOthersAndNothingIsLost() {
        stub.fault("spot", "klines", "ETHUSDT", Fault.status(500, Map.of()), Fault.status(500, Map.of()), Fault.status(500, Map.of()));
        update("spot", "4h", "BTCUSDT,ETHUSDT", 100).statusCode(200).body("bars_saved", equalTo(100))
                .body("failed", hasSize(1)).body("failed[0].symbol", equalTo("ETHUSDT"))
                .body("failed[0].error", containsString("HTTP 500 (gave up after 3 attempts)"));
        assertThat(stub.requests("spot", "klines").stream().filter(r -> r.symbol().equals("ETHUSDT"))).hasSize(3);
        update("spot", "4h", "BTCUSDT,ETHUSDT", 100).statusCode(200).body("bars_saved", equalTo(100)).body("failed", empty());
        assertThat(Db.count(dataSource, "SELECT count(*) FROM market_data.kline WHERE symbol = 'ETHUSDT'")).isEqualTo(100);
        assertThat(topic.read(200, Duration.ofSeconds(30))).hasSize(200);
    }

    @Test
    void aDatabaseRefusingWritesFailsTheWholeUpdateWith503AndStoresNothing() {
        // As a full disk would: every outbox row refused (a constraint, since the service may connect as a superuser).
        Db.exec(dataSource, "ALTER TABLE market_data.kline_outbox ADD CONSTRAINT refuses_writes CHECK (false) NOT VALID");
        try {
            // one symbol: a second symbol's worker may still be storing after the answer (see StorageFailedException)
            update("spot", "4h", "BTCUSDT", 100).statusCode(503).contentType(containsString("application/json"))
                    .body("error", containsString("storage failed: ERROR: new row for relation \"kline_outbox\" violates"
                            + " check constraint \"refuses_writes\""));
            assertThat(Db.count(dataSource, "SELECT count(*) FROM market_data.kline")).isZero();
            assertThat(Db.count(dataSource, "SELECT count(*) FROM market_data.kline_outbox")).isZero();
        } finally {
            Db.exec(dataSource, "ALTER TABLE market_data.kline_outbox DROP CONSTRAINT refuses_writes");
        }
        update("spot", "4h", "BTCUSDT", 100).statusCode(200).body("bars_saved", equalTo(100)).body("failed", empty());
        assertThat(topic.read(100, Duration.ofSeconds(30))).hasSize(100);
    }

    @Test
    void rateLimitsAndTimeoutsAreRetried() {
        stub.fault("spot", "klines", "BTCUSDT", Fault.status(429, Map.of("Retry-After", "1")));
        stub.fault("spot", "klines", "ETHUSDT", Fault.delay(2500));
        double rejected = metrics().sum("trapwatch_binance_rejections_total", "market_type", "spot", "status", "429");
        long started = System.nanoTime();
        update("spot", "4h", "BTCUSDT,ETHUSDT", 100).statusCode(200).body("bars_saved", equalTo(200)).body("failed", empty());
        assertThat(metrics().sum("trapwatch_binance_rejections_total", "market_type", "spot", "status", "429")).isEqualTo(rejected + 1);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1000);
        assertThat(stub.requests("spot", "klines")).hasSize(4);
        assertThat(topic.read(200, Duration.ofSeconds(30))).hasSize(200);
    }

    @Test
    void twoConcurrentUpdatesOfOneMarketAndIntervalRunOneAfterTheOtherAndStoreEachBarOnce() throws Exception {
        // The first update's BTCUSDT answer is slow (below the read timeout), so the second call arrives while it runs.
        stub.fault("spot", "klines", "BTCUSDT", Fault.delay(800));
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(
                () -> update("spot", "4h", "BTCUSDT,ETHUSDT", 100).statusCode(200).extract().path("bars_saved"));
        Thread.sleep(200);
        int second = update("spot", "4h", "BTCUSDT,ETHUSDT", 100).statusCode(200).extract().path("bars_saved");
        // One update per market and interval at a time: the second waited and then found nothing new to ask Binance
        // for (running beside the first, it would have fetched both new series too).
        assertThat(List.of(first.get(30, TimeUnit.SECONDS), second)).containsExactlyInAnyOrder(200, 0);
        assertThat(stub.requests("spot", "klines")).hasSize(2);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM market_data.kline")).isEqualTo(200);
        List<ConsumerRecord<String, String>> events = topic.read(200, Duration.ofSeconds(30));
        assertThat(events).as("each stored bar published once").hasSize(200);
        assertEventsMatchStoredBars(events);
    }

    @Test
    void truncatedAnswersFailTheSymbolAndBadRowsAreRejectedAlone() throws Exception {
        stub.fault("spot", "klines", "BTCUSDT", Fault.rewrite(body -> body.substring(0, body.length() / 2)));
        stub.fault("spot", "klines", "ETHUSDT", Fault.rewrite(body -> {
            try {
                ArrayNode rows = (ArrayNode) MAPPER.readTree(body);
                ((ArrayNode) rows.get(9)).set(2, MAPPER.getNodeFactory().textNode("abc"));
                return rows.toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        long badOpen = Instant.parse("2021-07-01T00:00:00Z").toEpochMilli() - 91 * H4;
        // ETHUSDT's back-fill still reaches 100 bars: one more (older) bar replaces the rejected one.
        update("spot", "4h", "BTCUSDT,ETHUSDT", 100).statusCode(200).body("bars_saved", equalTo(100))
                .body("failed", hasSize(1)).body("failed[0].symbol", equalTo("BTCUSDT"))
                .body("failed[0].error", containsString("BTCUSDT: klines answer is not valid JSON"))
                .body("rejected_rows", hasSize(1)).body("rejected_rows[0].symbol", equalTo("ETHUSDT"))
                .body("rejected_rows[0].error", containsString("ETHUSDT: kline row 9 rejected, field high: not numeric: \"abc\""));
        assertThat(Db.count(dataSource, "SELECT count(*) FROM market_data.kline WHERE symbol = 'BTCUSDT'")).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM market_data.kline WHERE symbol = 'ETHUSDT' AND open_time = ?",
                java.sql.Timestamp.from(Instant.ofEpochMilli(badOpen)))).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM market_data.kline WHERE symbol = 'ETHUSDT'")).isEqualTo(100);
        assertThat(topic.read(100, Duration.ofSeconds(30))).hasSize(100);
    }

    @Test
    void http418StopsTheMarketAndIsReported() throws Exception {
        stub.fault("spot", "time", null, Fault.status(418, Map.of("Retry-After", "2")));
        double banned = metrics().sum("trapwatch_binance_rejections_total", "market_type", "spot", "status", "418");
        update("spot", "4h", "BTCUSDT", 10).statusCode(503).body("error", containsString("HTTP 418"));
        assertThat(metrics().sum("trapwatch_binance_rejections_total", "market_type", "spot", "status", "418")).isEqualTo(banned + 1);
        update("spot", "4h", "BTCUSDT", 10).statusCode(503);
        assertThat(stub.requests("spot", "time")).hasSize(1);
        assertThat(stub.requests("spot", "klines")).isEmpty();
        Thread.sleep(2100);
        stub.fault("spot", "klines", "BTCUSDT", Fault.status(418, Map.of("Retry-After", "2")));
        update("spot", "4h", "BTCUSDT", 10).statusCode(200).body("bars_saved", equalTo(0))
                .body("failed[0].error", containsString("HTTP 418"));
        update("spot", "4h", "ETHUSDT", 10).statusCode(503);
        assertThat(stub.requests("spot", "klines")).hasSize(1);
        Thread.sleep(2100);
        update("spot", "4h", "BTCUSDT,ETHUSDT", 10).statusCode(200).body("bars_saved", equalTo(20));
    }

    @Test
    void invalidRequestsAreRejected() {
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/klines/update?market_type=spot&interval=4h&symbols=").then().statusCode(400)
                .body("parameter", equalTo("symbols")).body("received", equalTo(""));
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/klines/update?market_type=spot&interval=15m").then().statusCode(400)
                .body("parameter", equalTo("interval")).body("allowed", contains("1h", "4h", "1d")).body("received", equalTo("15m"));
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/klines/update?market_type=spot&interval=4h&backfill=0").then().statusCode(400)
                .body("parameter", equalTo("backfill"));
        given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/klines/update?market_type=spot&interval=4h&symbols=BTCUSDT,NOPEUSDT").then().statusCode(404)
                .body("symbols", contains("NOPEUSDT"));
        assertThat(stub.requests("spot", "klines")).isEmpty();
    }

    /** Every event equals its stored bar (same decimals, same times), keys are the series, open times ascend per key. */
    private void assertEventsMatchStoredBars(List<ConsumerRecord<String, String>> events) throws Exception {
        Map<String, List<Long>> openTimesByKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : events) {
            JsonNode event = MAPPER.readTree(record.value());
            String key = event.get("marketType").asText() + ":" + event.get("symbol").asText() + ":" + event.get("interval").asText();
            assertThat(record.key()).isEqualTo(key);
            JsonNode k = event.get("kline");
            long open = Instant.parse(k.get("openTime").asText()).toEpochMilli();
            assertThat(event.get("eventId").asText()).isEqualTo(key + ":" + open);
            assertThat(event.get("schemaVersion").asInt()).isEqualTo(1);
            openTimesByKey.computeIfAbsent(key, x -> new ArrayList<>()).add(open);
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT open::text, high::text, low::text, close::text, volume::text, "
                         + "close_time FROM market_data.kline WHERE market_type = ? AND symbol = ? AND interval = ? AND open_time = ?")) {
                ps.setString(1, event.get("marketType").asText());
                ps.setString(2, event.get("symbol").asText());
                ps.setString(3, event.get("interval").asText());
                ps.setTimestamp(4, java.sql.Timestamp.from(Instant.ofEpochMilli(open)));
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("stored bar for %s", event.get("eventId")).isTrue();
                    assertThat(k.get("open").asText()).isEqualTo(rs.getString(1));
                    assertThat(k.get("high").asText()).isEqualTo(rs.getString(2));
                    assertThat(k.get("low").asText()).isEqualTo(rs.getString(3));
                    assertThat(k.get("close").asText()).isEqualTo(rs.getString(4));
                    assertThat(k.get("volume").asText()).isEqualTo(rs.getString(5));
                    assertThat(Instant.parse(k.get("closeTime").asText())).isEqualTo(rs.getTimestamp(6).toInstant());
                }
            }
            // the recorded decimal strings survive unchanged (D9)
            JsonNode recorded = stub.rows(event.get("marketType").asText(), event.get("symbol").asText(), event.get("interval").asText())
                    .stream().filter(r -> r.get(0).asLong() == open).findFirst().orElseThrow();
            assertThat(k.get("open").asText()).isEqualTo(recorded.get(1).asText());
            assertThat(k.get("volume").asText()).isEqualTo(recorded.get(5).asText());
        }
        openTimesByKey.values().forEach(times -> assertThat(times).isSorted().doesNotHaveDuplicates());
    }

    private static ValidatableResponse update(String market, String interval, String symbols, int backfill) {
        return given().auth().oauth2(TestTokens.OPERATOR).post("/api/market-data/klines/update?market_type=" + market + "&interval=" + interval
                + (symbols == null ? "" : "&symbols=" + symbols) + "&backfill=" + backfill).then();
    }
}
