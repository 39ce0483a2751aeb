package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.monitorapi.service.MonitorChangeFeed;
import io.trapwatch.monitorapi.support.Broker;
import io.trapwatch.monitorapi.support.Events;
import io.trapwatch.monitorapi.support.ServiceTest;
import io.trapwatch.monitorapi.support.SseClient;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** GET /api/volume-trap/events: live changes from the real Kafka consumer, filters, Last-Event-ID resume, errors. */
@ServiceTest
class MonitorEventStreamTest {

    /** Generous: the wait for an event that must come (delivery speed is a benchmark, not a test). */
    private static final int COMES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/volume-trap/events")
    URL events;

    @Test
    void eachChangeOfAMatchingMonitorArrivesOnceAndAReconnectReplaysWhatWasMissed() throws Exception {
        String symbol = Events.uniqueSymbol();
        Events.Monitor watched = new Events.Monitor(MarketType.FUTURES, symbol, Interval.H1, Instant.parse("2016-02-03T04:00:00Z"), "0.4321");
        Events.Monitor otherMarket = new Events.Monitor(MarketType.SPOT, symbol, Interval.H1, Instant.parse("2016-02-03T04:00:00Z"), "0.4321");
        Events.Monitor later = new Events.Monitor(MarketType.FUTURES, symbol, Interval.H1, Instant.parse("2016-02-04T04:00:00Z"), "0.5");
        String lastSeen;
        try (SseClient stream = SseClient.open(events + "?market_type=futures&symbol=" + symbol.toLowerCase(), null)) {
            SseClient.Event ready = stream.next(COMES);
            assertThat(ready.name()).isEqualTo("ready");

            Broker.send(watched.latest());
            JsonNode created = monitorEvent(stream.next(COMES));
            assertThat(created.at("/monitor/symbol").asText()).isEqualTo(symbol);
            assertThat(created.at("/monitor/status").asText()).isEqualTo("pending");
            assertThat(created.at("/monitor/trigger_price").asText()).isEqualTo("0.43210000");
            assertThat(created.at("/version").asInt()).isEqualTo(1);

            // The spot twin does not match the filter; the watched monitor's confirmation, sent after it, is the next event.
            Broker.send(otherMarket.latest());
            watched.step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 2, new BigDecimal("0.40"), Events.confirmationSnapshot());
            Broker.send(watched.latest());
            SseClient.Event confirmation = stream.next(COMES);
            JsonNode confirmed = monitorEvent(confirmation);
            assertThat(confirmed.at("/monitor/status").asText()).isEqualTo("suspected_abandonment");
            assertThat(confirmed.at("/version").asInt()).isEqualTo(2);
            assertThat(Long.parseLong(confirmation.id())).isGreaterThan(created.at("/sequence").asLong());
            assertThat(confirmed.at("/sequence").asText()).isEqualTo(confirmation.id());

            // A redelivered event changes nothing, so nothing is sent: the next event is the one after it.
            Broker.send(watched.latest());
            Broker.send(later.latest());
            JsonNode next = monitorEvent(stream.next(COMES));
            assertThat(next.at("/monitor/monitor_key").asText()).isEqualTo(later.key());
            lastSeen = confirmation.id();
        }

        // Disconnected: the watched monitor is invalidated. Reconnecting after the confirmation replays, oldest change
        // first, the monitors changed since, each in its current state: the later monitor, then the invalidation.
        watched.step(MonitorStatus.INVALIDATED, "invalidation", 3, new BigDecimal("0.45"), Map.of());
        Broker.send(watched.latest());
        io.trapwatch.monitorapi.support.Api.awaitVersion(symbol, watched.key(), 3);
        try (SseClient resumed = SseClient.open(events + "?market_type=futures&symbol=" + symbol, lastSeen)) {
            SseClient.Event ready = resumed.next(COMES);
            assertThat(ready.name()).isEqualTo("ready");
            assertThat(ready.id()).isEqualTo(lastSeen);
            assertThat(monitorEvent(resumed.next(COMES)).at("/monitor/monitor_key").asText()).isEqualTo(later.key());
            JsonNode invalidated = monitorEvent(resumed.next(COMES));
            assertThat(invalidated.at("/monitor/monitor_key").asText()).isEqualTo(watched.key());
            assertThat(invalidated.at("/monitor/status").asText()).isEqualTo("invalidated");
            assertThat(invalidated.at("/version").asInt()).isEqualTo(3);
            assertThat(resumed.next(1)).as("nothing else was missed").isNull();
        }
    }

    @Test
    void statusFilterKeepsOnlyMonitorsNowInThoseStatuses() throws Exception {
        String symbol = Events.uniqueSymbol();
        try (SseClient stream = SseClient.open(events + "?status=invalidated,expired&symbol=" + symbol, null)) {
            assertThat(stream.next(COMES).name()).isEqualTo("ready");
            Events.Monitor m = new Events.Monitor(MarketType.SPOT, symbol, Interval.H4, Instant.parse("2016-03-01T00:00:00Z"), "3");
            Broker.send(m.latest());
            m.step(MonitorStatus.EXPIRED, "expiry", 5, new BigDecimal("2.9"), Map.of());
            Broker.send(m.latest());
            JsonNode expired = monitorEvent(stream.next(COMES));
            assertThat(expired.at("/monitor/status").asText()).isEqualTo("expired");
            assertThat(expired.at("/version").asInt()).isEqualTo(2);
        }
    }

    @Test
    void tooMuchMissedAsksForAResyncInsteadOfAReplay() throws Exception {
        String symbol = Events.uniqueSymbol();
        String start;
        try (SseClient stream = SseClient.open(events + "?symbol=" + symbol, null)) {
            start = stream.next(COMES).id();
        }
        List<MonitorStateChanged> many = new ArrayList<>();
        for (int i = 0; i <= MonitorChangeFeed.BACKLOG_LIMIT; i++) {
            many.add(new Events.Monitor(MarketType.SPOT, symbol, Interval.H1, Instant.parse("2015-01-01T00:00:00Z").plusSeconds(3600L * i), "1").latest());
        }
        many.forEach(Broker::send);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                io.trapwatch.monitorapi.support.Api.get("/api/volume-trap/monitors/?symbol=" + symbol).getInt("count") == many.size());
        try (SseClient resumed = SseClient.open(events + "?symbol=" + symbol, start)) {
            SseClient.Event resync = resumed.next(COMES);
            assertThat(resync.name()).isEqualTo("resync");
            assertThat(Long.parseLong(resync.id())).isGreaterThan(Long.parseLong(start) + MonitorChangeFeed.BACKLOG_LIMIT);
            assertThat(resumed.next(1)).isNull();
        }
    }

    @Test
    void badFiltersAndResumePointsAreClear400s() {
        given().header("Accept", "text/event-stream").get("/api/volume-trap/events?status=pending,bogus").then().statusCode(400)
                .body("error", equalTo("Invalid status parameter")).body("parameter", equalTo("status"))
                .body("received", equalTo("pending,bogus"));
        given().header("Accept", "text/event-stream").get("/api/volume-trap/events?market_type=margin").then().statusCode(400)
                .body("parameter", equalTo("market_type"));
        given().header("Accept", "text/event-stream").header("Last-Event-ID", "abc").get("/api/volume-trap/events").then()
                .statusCode(400).body("parameter", equalTo("Last-Event-ID")).body("received", equalTo("abc"));
    }

    private static JsonNode monitorEvent(SseClient.Event event) throws Exception {
        assertThat(event).as("an event arrived").isNotNull();
        assertThat(event.name()).isEqualTo("monitor");
        return JSON.readTree(event.data());
    }
}
