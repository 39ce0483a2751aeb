package io.trapwatch.monitorapi.rest;

import io.agroal.api.AgroalDataSource;
import io.restassured.response.Response;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.monitorapi.service.MonitorProjector;
import io.trapwatch.monitorapi.support.Api;
import io.trapwatch.monitorapi.support.Broker;
import io.trapwatch.monitorapi.support.Events;
import io.trapwatch.monitorapi.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.trapwatch.monitorapi.support.Api.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read API's response cache and ETags against the real projection: an answer never outlives a commit of this
 * instance, a commit of another instance (the version row raised behind the service's back) is seen once the version
 * poll reads it, 304 only while nothing changed, bad {@code If-None-Match} values harmless, the entry limit held, and
 * date-filtered counts (from the count grid by day) equal to the monitors listed.
 */
@ServiceTest
class ReadCacheTest {

    private static final String MONITORS = "/api/volume-trap/monitors/";

    @Inject
    MonitorProjector projector;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anAnswerCachedBeforeAProjectionIsNotServedAfterItsCommit() throws Exception {
        Events.Monitor m = seeded(MarketType.SPOT, Interval.H1, "2011-05-01T00:00:00Z");
        m.step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 2, new BigDecimal("0.9"), Map.of());
        long id = id(m);
        String detail = MONITORS + id + "/";
        String list = MONITORS + "?symbol=" + m.symbol;
        String counts = MONITORS + "status-counts/?symbol=" + m.symbol;
        String before = given().get(detail).then().statusCode(200).extract().header("ETag");
        assertThat(get(detail).getInt("version")).isEqualTo(1); // twice: the second one from the cache
        assertThat(get(list).getString("results[0].status")).isEqualTo("pending");
        assertThat(get(counts).getInt("counts.pending")).isEqualTo(1);

        projector.apply(List.of(m.version(2))); // committed when it returns: no waiting below

        assertThat(get(detail).getInt("version")).isEqualTo(2);
        assertThat(get(list).getString("results[0].status")).isEqualTo("suspected_abandonment");
        assertThat(get(counts).getInt("counts.pending")).isZero();
        assertThat(get(counts).getInt("counts.suspected_abandonment")).isEqualTo(1);
        // The copy revalidated with the ETag of before the change is not confirmed: the new answer comes back.
        Response revalidated = given().header("If-None-Match", before).get(detail);
        revalidated.then().statusCode(200);
        assertThat(revalidated.header("ETag")).isNotEqualTo(before);
        assertThat(revalidated.jsonPath().getInt("version")).isEqualTo(2);
    }

    @Test
    void aCommitOfAnotherInstanceIsSeenOnceTheVersionPollReadsIt() throws Exception {
        Events.Monitor m = seeded(MarketType.FUTURES, Interval.H4, "2011-06-01T00:00:00Z");
        String detail = MONITORS + id(m) + "/";
        assertThat(new BigDecimal(get(detail).getString("current_price"))).isEqualByComparingTo("0.5");
        double hits = metric("trapwatch_read_cache_hits_total");
        get(detail);
        assertThat(metric("trapwatch_read_cache_hits_total")).isGreaterThan(hits);

        // Another instance projecting a newer close: the price row and the version in one transaction.
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO monitor_api.series_price (market_type, symbol,"
                    + " bar_interval, open_time, close) VALUES ('futures', ?, '4h', ?, 0.75)")) {
                s.setString(1, m.symbol);
                s.setObject(2, OffsetDateTime.of(2011, 7, 1, 0, 0, 0, 0, ZoneOffset.UTC));
                s.executeUpdate();
            }
            c.createStatement().executeUpdate("UPDATE monitor_api.read_model_version SET version = version + 1");
            c.commit();
        }

        // Bounded by the poll interval (200 ms by default); the test waits longer only for a slow machine.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                new BigDecimal(get(detail).getString("current_price")).compareTo(new BigDecimal("0.75")) == 0);
    }

    @Test
    void theETagRevalidatesTo304WithoutABodyAlsoAcrossOriginsAndBadValuesAreHarmless() throws Exception {
        Events.Monitor m = seeded(MarketType.SPOT, Interval.D1, "2011-07-01T00:00:00Z");
        for (String path : List.of(MONITORS + id(m) + "/", MONITORS + "?symbol=" + m.symbol + "&page_size=5",
                MONITORS + "status-counts/?symbol=" + m.symbol)) {
            Response first = given().get(path);
            first.then().statusCode(200).header("Cache-Control", "no-cache").contentType("application/json");
            String etag = first.header("ETag");
            assertThat(etag).as(path).matches("\"\\d+-[0-9a-f]{16}\"");

            for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag)) {
                Response notModified = given().header("If-None-Match", ifNoneMatch).get(path);
                notModified.then().statusCode(304).header("ETag", etag).header("Cache-Control", "no-cache");
                assertThat(notModified.asByteArray()).as(ifNoneMatch).isEmpty();
            }
            for (String bad : List.of("garbage", "\"", "*", "W/", ",,,", "\"" + "9".repeat(500) + "\"", "")) {
                Response answered = given().header("If-None-Match", bad).get(path);
                answered.then().statusCode(200).header("ETag", etag);
                assertThat(answered.asString()).as(bad).isEqualTo(first.asString());
            }
        }
        // Through the CORS filter: a listed origin gets the 304 and may read the ETag.
        String detail = MONITORS + id(m) + "/";
        String etag = given().get(detail).header("ETag");
        given().header("Origin", "http://localhost:8080").header("If-None-Match", etag).get(detail).then().statusCode(304)
                .header("Access-Control-Allow-Origin", "http://localhost:8080")
                .header("Access-Control-Expose-Headers", org.hamcrest.Matchers.containsStringIgnoringCase("etag"));
        // Errors are neither cached nor tagged.
        given().get(MONITORS + "999999999/").then().statusCode(404).header("ETag", (String) null);
        given().header("If-None-Match", etag).get(MONITORS + "?page_size=0").then().statusCode(400);
    }

    @Test
    void theCacheKeepsToItsEntryLimit() throws Exception {
        Events.Monitor m = seeded(MarketType.SPOT, Interval.H4, "2011-08-01T00:00:00Z");
        double evictions = metric("trapwatch_read_cache_evictions_total");
        for (int size = 1; size <= 80; size++) { // 80 different answers, each asked for once; this profile keeps 50
            get(MONITORS + "?symbol=" + m.symbol + "&page_size=" + size);
        }
        assertThat(metric("trapwatch_read_cache_evictions_total") - evictions).isGreaterThanOrEqualTo(30);
        // The first ten were pushed out (read again), the last ten are still held (served from the cache).
        double misses = metric("trapwatch_read_cache_misses_total");
        double hits = metric("trapwatch_read_cache_hits_total");
        for (int size = 71; size <= 80; size++) {
            get(MONITORS + "?symbol=" + m.symbol + "&page_size=" + size);
        }
        assertThat(metric("trapwatch_read_cache_hits_total") - hits).isEqualTo(10);
        for (int size = 1; size <= 10; size++) {
            get(MONITORS + "?symbol=" + m.symbol + "&page_size=" + size);
        }
        assertThat(metric("trapwatch_read_cache_misses_total") - misses).isEqualTo(10);
    }

    @Test
    void dateFilteredCountsFromTheDayGridEqualTheMonitorsListedAndFollowTransitions() throws Exception {
        String symbol = Events.uniqueSymbol();
        Events.Monitor a = new Events.Monitor(MarketType.SPOT, symbol, Interval.H1, Instant.parse("2011-03-01T00:00:00Z"), "1");
        Events.Monitor b = new Events.Monitor(MarketType.FUTURES, symbol, Interval.H4, Instant.parse("2011-03-02T23:00:00Z"), "2");
        Events.Monitor c = new Events.Monitor(MarketType.SPOT, symbol, Interval.D1, Instant.parse("2011-03-05T00:00:00Z"), "3");
        Broker.send(a.latest(), b.latest(), c.latest());
        Api.awaitVersion(symbol, c.key(), 1);
        Api.awaitVersion(symbol, b.key(), 1);
        Api.awaitVersion(symbol, a.key(), 1);

        String range = "start_date=2011-03-01&end_date=2011-03-02";
        // Without a symbol: the day grid; with it: the monitors themselves. No other test triggers in 2011-03.
        assertThat(get(MONITORS + "?" + range).getInt("count")).isEqualTo(2).isEqualTo(get(MONITORS + "?symbol=" + symbol + "&" + range).getInt("count"));
        assertThat(get(MONITORS + "?" + range).getList("results")).hasSize(2);
        assertThat(get(MONITORS + "?market_type=spot&" + range).getInt("count")).isEqualTo(1);
        assertThat(get(MONITORS + "?interval=1d&start_date=2011-03-03&end_date=2011-03-31").getInt("count")).isEqualTo(1);
        String counts = MONITORS + "status-counts/?start_date=2011-03-01&end_date=2011-03-31";
        assertThat(get(counts).getInt("counts.pending")).isEqualTo(3);

        b.step(MonitorStatus.INVALIDATED, "invalidation", 1, new BigDecimal("2.5"), Map.of());
        projector.apply(List.of(b.version(2)));
        assertThat(get(counts).getInt("counts.pending")).isEqualTo(2);
        assertThat(get(counts).getInt("counts.invalidated")).isEqualTo(1);
        assertThat(get(MONITORS + "?status=invalidated&" + range).getInt("count")).isEqualTo(1);
        assertThat(get(MONITORS + "?status=pending&" + range).getInt("count")).isEqualTo(1);
    }

    /** A new monitor (version 1, close 0.5 on its creation bar) of a symbol of its own, projected through Kafka. */
    private static Events.Monitor seeded(MarketType market, Interval interval, String trigger) {
        Events.Monitor m = new Events.Monitor(market, Events.uniqueSymbol(), interval, Instant.parse(trigger), "0.5");
        Broker.send(m.latest());
        Api.awaitVersion(m.symbol, m.key(), 1);
        return m;
    }

    private static long id(Events.Monitor m) {
        return ((Number) Api.monitorByKey(m.symbol, m.key()).get("id")).longValue();
    }

    /**
     * A sample of /q/metrics (without tags). Counters only: the registry outlives the restarts of the application
     * between test classes, and a gauge stays bound to the instance that registered it first.
     */
    private static double metric(String name) {
        for (String line : given().get("/q/metrics").asString().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(name + " not in /q/metrics");
    }
}
