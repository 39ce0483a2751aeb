package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.model.outcome.MonitorOutcome;
import io.trapwatch.model.outcome.OutcomeStatus;
import io.trapwatch.monitorapi.repository.MonitorReadRepository;
import io.trapwatch.monitorapi.repository.MonitorRow;
import io.trapwatch.monitorapi.repository.OutcomeRepository;
import io.trapwatch.monitorapi.support.Api;
import io.trapwatch.monitorapi.support.Broker;
import io.trapwatch.monitorapi.support.Events;
import io.trapwatch.monitorapi.support.Outcomes;
import io.trapwatch.monitorapi.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A monitor's detail is read in one statement (monitor, outcome and transitions joined), a list page's monitors with
 * their outcomes in one: the answers' bytes are exactly what the separate reads they replaced (the monitor, its
 * outcome, its transition log; still used by the chart and the backtest endpoints) render to, for monitors of every
 * status, with and without an outcome and a newer series price, in the default and in a computed order.
 */
@ServiceTest
class JoinedReadsTest {

    private static final Instant T0 = Instant.parse("2025-09-01T00:00:00Z");

    @Inject
    MonitorReadRepository monitors;

    @Inject
    OutcomeRepository outcomes;

    @Inject
    MonitorViews views;

    @Inject
    ObjectMapper json;

    @Test
    void theDetailIsTheSeparateReadsRenderedByteForByte() throws Exception {
        Published p = publish();
        for (Events.Monitor m : p.monitors()) {
            long id = id(m.symbol, m);
            MonitorRow row = monitors.find(id).orElseThrow();
            String separately = json.writeValueAsString(views.detail(row, outcomes.byMonitorId(id).orElse(null),
                    monitors.transitions(id)));
            String answered = given().get("/api/volume-trap/monitors/" + id + "/").then().statusCode(200).extract().asString();
            assertThat(answered).as(m.key()).isEqualTo(separately);
            assertThat(answered).contains("\"version\":" + m.versions() + ",\"transitions\":[");
        }
        String withOutcome = given().get("/api/volume-trap/monitors/" + id(p.spot(), p.monitors().get(1)) + "/").asString();
        assertThat(withOutcome).contains("\"exited_by\":\"invalidation\"").contains("\"current_price\":\"41.25");
        assertThat(given().get("/api/volume-trap/monitors/" + id(p.spot(), p.monitors().get(0)) + "/").asString())
                .contains("\"outcome\":null");
    }

    @Test
    void aListPageIsTheSeparateReadsRenderedByteForByte() throws Exception {
        Published p = publish();
        for (String query : List.of("symbol=" + p.spot(), "symbol=" + p.futures(), "symbol=" + p.spot() + "&sort=-current_price",
                "symbol=" + p.futures() + "&sort=trigger_price")) {
            JsonPath page = Api.get("/api/volume-trap/monitors/?page_size=100&" + query);
            List<String> separately = new ArrayList<>();
            for (Object id : page.getList("results.id")) {
                long monitorId = ((Number) id).longValue();
                separately.add(json.writeValueAsString(views.summary(monitors.find(monitorId).orElseThrow(),
                        outcomes.byMonitorId(monitorId).orElse(null))));
            }
            String answered = given().get("/api/volume-trap/monitors/?page_size=100&" + query).then().statusCode(200)
                    .extract().asString();
            assertThat(separately).as(query).hasSize(2);
            assertThat(answered).as(query).endsWith("\"results\":[" + String.join(",", separately) + "]}");
        }
        assertThat(given().get("/api/volume-trap/monitors/?symbol=" + p.spot()).asString())
                .contains("\"exited_by\":\"invalidation\"").contains("\"outcome\":null");
    }

    /** Two monitors on a spot series and two on a futures one, all projected, with outcomes and a newer spot price. */
    private record Published(String spot, String futures, List<Events.Monitor> monitors) {
    }

    private Published publish() {
        String spot = Events.uniqueSymbol();
        String futures = Events.uniqueSymbol();
        Events.Monitor pending = new Events.Monitor(MarketType.SPOT, spot, Interval.H1, T0, "0.00012345");
        Events.Monitor confirmed = new Events.Monitor(MarketType.SPOT, spot, Interval.H1, T0.plus(Duration.ofHours(60)), "50.5")
                .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 3, new BigDecimal("45.10"), Events.confirmationSnapshot())
                .step(MonitorStatus.CONFIRMED_ABANDONMENT, "validation", 4, new BigDecimal("44"), Events.validationSnapshot());
        Events.Monitor invalidated = new Events.Monitor(MarketType.FUTURES, futures, Interval.D1, T0, "97")
                .step(MonitorStatus.INVALIDATED, "invalidation", 5, new BigDecimal("98.000"),
                        Map.of("current_close", new BigDecimal("98.000"), "trigger_price", new BigDecimal("97")));
        Events.Monitor expired = new Events.Monitor(MarketType.FUTURES, futures, Interval.D1, T0.plus(Duration.ofDays(40)), "10")
                .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 3, new BigDecimal("9"), Events.confirmationSnapshot())
                .step(MonitorStatus.EXPIRED, "expiry", 33, new BigDecimal("9"), Events.validationSnapshot());
        List<Events.Monitor> all = List.of(pending, confirmed, invalidated, expired);
        Broker.send(pending.latest(), confirmed.version(2), confirmed.latest(), invalidated.latest(), expired.latest());
        // a newer close for the spot series (current price from series_price), none for the futures one
        Broker.send(Events.bar(MarketType.SPOT, spot, Interval.H1, T0.plus(Duration.ofHours(100)), "41.25"));
        MonitorOutcome confirmedOutcome = Outcomes.outcome(confirmed, 31, OutcomeStatus.COMPLETED, 30, "48", "40", 10,
                "16.67", "52", "30.00", "2.08", "42", "12.50", Outcomes.stop(6, "51", "-6.25", MonitorOutcome.Exit.INVALIDATION));
        MonitorOutcome invalidatedOutcome = Outcomes.outcome(invalidated, 5, OutcomeStatus.OPEN, 4, "100", "98", 1, "2.00",
                null, null, "1.00", "99", "1.00", null);
        Outcomes.send(confirmedOutcome, invalidatedOutcome);

        for (Events.Monitor m : all) {
            await(m.key()).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> listed(m.symbol, m) != null);
        }
        await("outcomes").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                outcomes.byMonitorId(id(spot, confirmed)).isPresent() && outcomes.byMonitorId(id(futures, invalidated)).isPresent());
        await("series price").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                new BigDecimal("41.25").compareTo(new BigDecimal((String) listed(spot, confirmed).get("current_price"))) == 0);

        return new Published(spot, futures, all);
    }

    /** The list entry of the monitor at its final version, or null before it was projected. */
    private static Map<String, Object> listed(String symbol, Events.Monitor m) {
        Map<String, Object> entry = Api.monitorByKey(symbol, m.key());
        return entry != null && ((Number) Api.get("/api/volume-trap/monitors/" + entry.get("id") + "/").get("version")).intValue()
                == m.versions() ? entry : null;
    }

    private static long id(String symbol, Events.Monitor m) {
        return ((Number) Api.monitorByKey(symbol, m.key()).get("id")).longValue();
    }
}
