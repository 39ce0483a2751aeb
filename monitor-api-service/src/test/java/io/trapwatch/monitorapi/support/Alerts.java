package io.trapwatch.monitorapi.support;

import io.trapwatch.infra.TestTokens;
import io.restassured.path.json.JsonPath;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Subscribing through the API and waiting for deliveries to settle, as a client would. */
public final class Alerts {

    public static final String PATH = "/api/volume-trap/subscriptions";

    private Alerts() {
    }

    /** Creates a subscription from a full JSON body; returns its id. */
    public static long subscribe(String body) {
        return given().auth().oauth2(TestTokens.OPERATOR).contentType("application/json").body(body).post(PATH).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static String webhookBody(String url, String secret, String filters) {
        return "{\"channel\":{\"type\":\"webhook\",\"url\":\"" + url + "\",\"secret\":\"" + secret + "\"}"
                + (filters.isEmpty() ? "" : "," + filters) + "}";
    }

    public static JsonPath subscription(long id) {
        return given().auth().oauth2(TestTokens.OPERATOR).get(PATH + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    public static List<Map<String, Object>> deliveries(long id) {
        return given().auth().oauth2(TestTokens.OPERATOR).get(PATH + "/" + id + "/deliveries?limit=500").then().statusCode(200).extract().jsonPath().getList("deliveries");
    }

    /** Waits until the subscription has exactly {@code expected} deliveries and none is pending any more. */
    public static List<Map<String, Object>> awaitSettled(long id, int expected) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> deliveries(id),
                list -> list.size() == expected && list.stream().noneMatch(d -> "pending".equals(d.get("status"))));
    }

    /** What a receiver computes to check a body: lower-case hex HMAC-SHA256 of the raw body with the shared secret. */
    public static String expectedSignature(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
