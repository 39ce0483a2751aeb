package io.trapwatch.monitorapi.rest;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.monitorapi.support.Broker;
import io.trapwatch.monitorapi.support.Events;
import io.trapwatch.monitorapi.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.trapwatch.monitorapi.support.Api.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** 45 monitors of one symbol paged by 20: counts, order, and next/previous links at every edge. */
@ServiceTest
class MonitorPaginationTest {

    private static final String SYMBOL = Events.uniqueSymbol();
    private static final Instant FIRST = Instant.parse("2024-06-01T00:00:00Z");

    private static boolean seeded;

    /** Once per class, but after the application (and RestAssured's port) is up. */
    @BeforeEach
    void fortyFiveMonitors() {
        if (seeded) {
            return;
        }
        seeded = true;
        List<MonitorStateChanged> events = new ArrayList<>();
        // 40 one-hour monitors an hour apart, plus 5 four-hour monitors sharing trigger times with some of them
        // (ties in trigger time are ordered by id, descending).
        for (int i = 0; i < 40; i++) {
            events.add(new Events.Monitor(MarketType.SPOT, SYMBOL, Interval.H1, FIRST.plusSeconds(3600L * i), "1").latest());
        }
        for (int i = 0; i < 5; i++) {
            events.add(new Events.Monitor(MarketType.SPOT, SYMBOL, Interval.H4, FIRST.plusSeconds(4 * 3600L * i), "1").latest());
        }
        events.forEach(Broker::send);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/volume-trap/monitors/?symbol=" + SYMBOL).getInt("count") == 45);
    }

    @Test
    void pagesCoverEveryMonitorOnceInTriggerTimeThenIdOrder() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            all.addAll(get("/api/volume-trap/monitors/?symbol=" + SYMBOL + "&page_size=20&page=" + page).getList("results"));
        }
        assertThat(all).hasSize(45);
        assertThat(all.stream().map(m -> m.get("id")).distinct()).hasSize(45);
        Comparator<Map<String, Object>> listOrder = Comparator.<Map<String, Object>, String>comparing(m -> (String) m.get("trigger_time"))
                .thenComparing(m -> ((Number) m.get("id")).longValue()).reversed();
        assertThat(all).isSortedAccordingTo(listOrder);
        assertThat(all.get(0).get("trigger_time")).isEqualTo("2024-06-02T15:00:00Z");
        assertThat(all.get(44).get("trigger_time")).isEqualTo("2024-06-01T00:00:00Z");
    }

    @Test
    void linksAreAbsoluteKeepTheOtherParametersAndStopAtTheEdges() {
        String base = "http://localhost:" + RestAssured.port + "/api/volume-trap/monitors/?symbol=" + SYMBOL + "&market_type=spot&page_size=20";
        JsonPath first = get("/api/volume-trap/monitors/?symbol=" + SYMBOL + "&market_type=spot&page_size=20");
        assertThat(first.getInt("count")).isEqualTo(45);
        assertThat(first.getString("previous")).isNull();
        assertThat(first.getString("next")).isEqualTo(base + "&page=2");
        assertThat(first.getList("results")).hasSize(20);

        JsonPath second = get("/api/volume-trap/monitors?symbol=" + SYMBOL + "&page=2&market_type=spot&page_size=20");
        assertThat(second.getString("previous")).isEqualTo(base + "&page=1");
        assertThat(second.getString("next")).isEqualTo(base + "&page=3");

        JsonPath third = get("/api/volume-trap/monitors/?symbol=" + SYMBOL + "&market_type=spot&page_size=20&page=3");
        assertThat(third.getList("results")).hasSize(5);
        assertThat(third.getString("next")).isNull();
        assertThat(third.getString("previous")).isEqualTo(base + "&page=2");

        JsonPath last = get("/api/volume-trap/monitors/?symbol=" + SYMBOL + "&market_type=spot&page_size=20&page=last");
        assertThat(last.getList("results.id")).isEqualTo(third.getList("results.id"));

        given().get("/api/volume-trap/monitors/?symbol=" + SYMBOL + "&page_size=20&page=4").then().statusCode(404)
                .body("error", equalTo("Invalid page")).body("detail", equalTo("page 4 is past the last page (3)"));
        given().get("/api/volume-trap/monitors/?symbol=" + SYMBOL + "&page=99999999999999").then().statusCode(404);
    }

    @Test
    void exactMultiplesAndDefaultPageSize() {
        JsonPath byFifteen = get("/api/volume-trap/monitors/?symbol=" + SYMBOL + "&page_size=15&page=3");
        assertThat(byFifteen.getList("results")).hasSize(15);
        assertThat(byFifteen.getString("next")).isNull();
        given().get("/api/volume-trap/monitors/?symbol=" + SYMBOL + "&page_size=15&page=4").then().statusCode(404);

        JsonPath byDefault = get("/api/volume-trap/monitors/?symbol=" + SYMBOL);
        assertThat(byDefault.getList("results")).hasSize(20);
        assertThat(byDefault.getString("next")).endsWith("?symbol=" + SYMBOL + "&page=2");

        JsonPath hundred = get("/api/volume-trap/monitors/?symbol=" + SYMBOL + "&page_size=100");
        assertThat(hundred.getList("results")).hasSize(45);
        assertThat(hundred.getString("next")).isNull();
        assertThat(hundred.getString("previous")).isNull();
    }

    @Test
    void anEmptyResultHasAnEmptyFirstPageAndNothingAfterIt() {
        JsonPath empty = get("/api/volume-trap/monitors/?symbol=" + SYMBOL + "&market_type=futures");
        assertThat(empty.getInt("count")).isZero();
        assertThat(empty.getList("results")).isEmpty();
        assertThat(empty.getString("next")).isNull();
        assertThat(get("/api/volume-trap/monitors/?symbol=" + SYMBOL + "&market_type=futures&page=last").getList("results")).isEmpty();
        given().get("/api/volume-trap/monitors/?symbol=" + SYMBOL + "&market_type=futures&page=2").then().statusCode(404)
                .body("error", equalTo("Invalid page"));
    }

    @Test
    void trailingSlashIsOptionalEverywhere() {
        for (String path : List.of("/api/volume-trap/monitors", "/api/volume-trap/monitors/", "/api/volume-trap/statistics",
                "/api/volume-trap/statistics/")) {
            given().get(path).then().statusCode(200);
        }
        Object id = get("/api/volume-trap/monitors/?symbol=" + SYMBOL).getList("results.id").get(0);
        given().get("/api/volume-trap/monitors/" + id).then().statusCode(200).body("id", equalTo(id));
        given().get("/api/volume-trap/monitors/" + id + "/").then().statusCode(200).body("id", equalTo(id));
        given().get("/api/volume-trap/monitors/?symbol=" + SYMBOL).then().body("next", startsWith("http://"));
        given().get("/api/volume-trap/monitors/" + Long.MAX_VALUE + "/").then().statusCode(404)
                .body("error", equalTo("Monitor not found"));
    }
}
