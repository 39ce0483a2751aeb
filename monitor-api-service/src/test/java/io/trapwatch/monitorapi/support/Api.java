package io.trapwatch.monitorapi.support;

import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Reads of the service's own API, and waiting for events to show up there. */
public final class Api {

    private Api() {
    }

    /** Numbers come back as BigDecimal, so decimals are compared exactly. */
    public static final RestAssuredConfig EXACT = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    public static JsonPath get(String pathAndQuery) {
        return given().config(EXACT).get(pathAndQuery).then().statusCode(200).extract().jsonPath();
    }

    /** The list entry of the monitor with this key (searched by its symbol), or null. */
    public static Map<String, Object> monitorByKey(String symbol, String key) {
        List<Map<String, Object>> results = get("/api/volume-trap/monitors/?page_size=100&symbol=" + symbol).getList("results");
        return results.stream().filter(m -> key.equals(m.get("monitor_key"))).findFirst().orElse(null);
    }

    /** Waits until the monitor shows up at this version (visible in the detail endpoint) and returns its list entry. */
    public static Map<String, Object> awaitVersion(String symbol, String key, int version) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, Object> m = monitorByKey(symbol, key);
            if (m == null) {
                return null;
            }
            int held = get("/api/volume-trap/monitors/" + m.get("id") + "/").getInt("version");
            // the list entry was read before the detail: read it again so it is not older than the version seen
            return held == version ? monitorByKey(symbol, key) : null;
        }, m -> m != null);
    }
}
