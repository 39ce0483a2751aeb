package io.trapwatch.monitorapi.rest;

import io.restassured.response.Response;
import io.trapwatch.monitorapi.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Every invalid value of every parameter of every endpoint answers 400 naming the parameter, the allowed values and the value. */
@ServiceTest
class ParameterValidationTest {

    private static final String MONITORS = "/api/volume-trap/monitors/";
    private static final String STATISTICS = "/api/volume-trap/statistics/";
    private static final String KLINE = "/api/volume-trap/kline/ETHUSDT/?market_type=spot&interval=4h";

    static Stream<Arguments> invalidQueryParameters() {
        return Stream.of(
                bad(MONITORS, "status", "confirmed", "pending"),
                bad(MONITORS, "status", "PENDING", "pending"),
                bad(MONITORS, "status", "pending,bogus", "expired"), // several statuses are fine, each must be one
                bad(MONITORS, "status", "pending,", "expired"),
                bad(MONITORS, "sort", "volume", "-trigger_time"),
                bad(MONITORS, "sort", "symbol-", "symbol"),
                bad(MONITORS, "status", "active", "suspected_abandonment"),
                bad(MONITORS, "interval", "2h", "1h"),
                bad(MONITORS, "interval", "1H", "4h"),
                bad(MONITORS, "interval", "60m", "1d"),
                bad(MONITORS, "market_type", "x", "all"),
                bad(MONITORS, "market_type", "SPOT", "spot"),
                bad(MONITORS, "market_type", "spot,futures", "futures"),
                bad(MONITORS, "start_date", "2024-1-1", "YYYY-MM-DD"),
                bad(MONITORS, "start_date", "2024-02-30", "YYYY-MM-DD"),
                bad(MONITORS, "start_date", "20240101", "YYYY-MM-DD"),
                bad(MONITORS, "start_date", "2024-01-01T00:00:00Z", "YYYY-MM-DD"),
                bad(MONITORS, "start_date", "yesterday", "YYYY-MM-DD"),
                bad(MONITORS, "start_date", "0000-01-01", "YYYY-MM-DD"),
                bad(MONITORS, "end_date", "2024-13-01", "YYYY-MM-DD"),
                bad(MONITORS, "end_date", "2023-02-29", "YYYY-MM-DD"),
                bad(MONITORS, "symbol", "BTC/USDT", "BTCUSDT"),
                bad(MONITORS, "symbol", "B", "BTCUSDT"),
                bad(MONITORS, "symbol", "BTC'USDT", "BTCUSDT"),
                bad(MONITORS, "symbol", "A".repeat(33), "BTCUSDT"),
                bad(MONITORS, "page", "0", "last"),
                bad(MONITORS, "page", "-1", "last"),
                bad(MONITORS, "page", "abc", "last"),
                bad(MONITORS, "page", "1.5", "last"),
                bad(MONITORS, "page", "first", "last"),
                bad(MONITORS, "page", "99999999999999999999", "last"),
                bad(MONITORS, "page_size", "0", "an integer from 1 to 100"),
                bad(MONITORS, "page_size", "101", "an integer from 1 to 100"),
                bad(MONITORS, "page_size", "-5", "an integer from 1 to 100"),
                bad(MONITORS, "page_size", "abc", "an integer from 1 to 100"),
                bad(MONITORS, "page_size", "20.0", "an integer from 1 to 100"),
                bad(MONITORS, "page_size", "99999999999", "an integer from 1 to 100"),
                bad(STATISTICS, "market_type", "x", "all"),
                bad(STATISTICS, "interval", "5m", "1h"),
                bad("/api/volume-trap/kline/ETHUSDT/?market_type=spot", "interval", "2h", "4h"),
                bad("/api/volume-trap/kline/ETHUSDT/?interval=4h", "market_type", "all", "spot"),
                bad("/api/volume-trap/kline/ETHUSDT/?interval=4h", "market_type", "x", "futures"),
                bad(KLINE, "start_time", "yesterday", "YYYY-MM-DD (UTC midnight)"),
                bad(KLINE, "start_time", "2024-01-01T25:00:00Z", "YYYY-MM-DD (UTC midnight)"),
                bad(KLINE, "end_time", "2024-13-01T00:00:00Z", "YYYY-MM-DD (UTC midnight)"),
                bad(KLINE, "end_time", "1700000000", "YYYY-MM-DD (UTC midnight)"),
                bad(KLINE, "limit", "0", "an integer from 1 to 1000"),
                bad(KLINE, "limit", "1001", "an integer from 1 to 1000"),
                bad(KLINE, "limit", "ten", "an integer from 1 to 1000"));
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @MethodSource("invalidQueryParameters")
    void invalidQueryValueIsA400NamingParameterAllowedAndReceived(String path, String parameter, String value, String anAllowed) {
        String url = path + (path.contains("?") ? "&" : "?") + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        assertBadParameter(given().urlEncodingEnabled(false).get(url), parameter, value, anAllowed);
    }

    static Stream<Arguments> invalidPathParameters() {
        return Stream.of(
                Arguments.of("/api/volume-trap/monitors/abc/", "id", "abc"),
                Arguments.of("/api/volume-trap/monitors/0", "id", "0"),
                Arguments.of("/api/volume-trap/monitors/-1/", "id", "-1"),
                Arguments.of("/api/volume-trap/monitors/1.5", "id", "1.5"),
                Arguments.of("/api/volume-trap/monitors/99999999999999999999/", "id", "99999999999999999999"),
                Arguments.of("/api/volume-trap/chart-data/abc/", "monitor_id", "abc"),
                Arguments.of("/api/volume-trap/chart-data/0", "monitor_id", "0"),
                Arguments.of("/api/volume-trap/kline/BTC-USDT/?market_type=spot&interval=4h", "symbol", "BTC-USDT"),
                Arguments.of("/api/volume-trap/kline/X/?market_type=spot&interval=4h", "symbol", "X"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPathParameters")
    void invalidPathValueIsA400(String url, String parameter, String value) {
        Response r = given().get(url);
        r.then().statusCode(400).body("parameter", equalTo(parameter)).body("received", equalTo(value))
                .body("error", equalTo("Invalid " + parameter + " parameter"));
        assertThat(r.jsonPath().getList("allowed")).isNotEmpty();
    }

    @Test
    void missingRequiredKlineParametersAre400() {
        assertBadParameter(given().get("/api/volume-trap/kline/ETHUSDT/?market_type=spot"), "interval", null, "1h");
        assertBadParameter(given().urlEncodingEnabled(false).get("/api/volume-trap/kline/ETHUSDT/?interval=4h&market_type="),
                "market_type", null, "spot"); // an empty value is the same as none
    }

    @Test
    void reversedRangesAre400NamingBothValues() {
        given().get(MONITORS + "?start_date=2024-03-02&end_date=2024-03-01").then().statusCode(400)
                .body("error", equalTo("Invalid date range")).body("parameter", equalTo("start_date"))
                .body("detail", equalTo("start_date cannot be greater than end_date"))
                .body("start_date", equalTo("2024-03-02")).body("end_date", equalTo("2024-03-01"));
        given().get(KLINE + "&start_time=2024-03-02T00:00:00Z&end_time=2024-03-01T23:59:59Z").then().statusCode(400)
                .body("error", equalTo("Invalid time range")).body("start_time", equalTo("2024-03-02T00:00:00Z"));
    }

    @Test
    void emptyValuesMeanNotGivenAndValidationFollowsTheReferenceOrder() {
        given().get(MONITORS + "?status=&interval=&market_type=&start_date=&end_date=&symbol=&page=&page_size=")
                .then().statusCode(200);
        given().get(MONITORS + "?market_type=x&status=y&interval=z").then().statusCode(400).body("parameter", equalTo("status"));
        given().get(MONITORS + "?market_type=x&interval=z").then().statusCode(400).body("parameter", equalTo("interval"));
        given().get(MONITORS + "?start_date=2024-03-01&end_date=2024-03-01&page=1&page_size=1").then().statusCode(200);
    }

    @Test
    void unknownRoutesAnswerJson() {
        given().get("/api/volume-trap/nothing-here").then().statusCode(404).contentType("application/json");
    }

    private static Arguments bad(String path, String parameter, String value, String anAllowed) {
        return Arguments.of(path, parameter, value, anAllowed);
    }

    private static void assertBadParameter(Response r, String parameter, String received, String anAllowed) {
        r.then().statusCode(400).contentType("application/json")
                .body("error", equalTo("Invalid " + parameter + " parameter"))
                .body("parameter", equalTo(parameter))
                .body("received", equalTo(received));
        Map<String, Object> body = r.jsonPath().getMap("");
        assertThat(body).containsKeys("detail", "allowed");
        assertThat((List<?>) body.get("allowed")).anySatisfy(a -> assertThat(a.toString()).contains(anAllowed));
        assertThat(body.get("detail").toString()).startsWith(parameter);
    }
}
