package io.trapwatch.monitorapi.alerts;

import io.trapwatch.infra.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.infra.PostgresTestResource;
import io.trapwatch.monitorapi.support.MarketDataStubResource;
import io.trapwatch.monitorapi.support.TelegramStubResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The subscription API over HTTP: round trips, write-only secrets sealed at rest, and a 400 naming every bad field. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MarketDataStubResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TelegramStubResource.class, restrictToAnnotatedClass = false)
class SubscriptionApiTest {

    private static final String PATH = "/api/volume-trap/subscriptions";
    private static final String SECRET = "s3cret-that-is-long-enough";
    private static final String WEBHOOK = "{\"channel\":{\"type\":\"webhook\",\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\""
            + SECRET + "\"},\"market_types\":[\"futures\"],\"intervals\":[\"1h\"],\"statuses\":[\"suspected_abandonment\"],"
            + "\"min_trigger_quote_volume\":\"250000.5\"}";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aWebhookSubscriptionRoundTripsWithItsSecretNeverReturnedAndSealedAtRest() throws Exception {
        String created = given().auth().oauth2(TestTokens.OPERATOR).contentType("application/json").body(WEBHOOK).post(PATH)
                .then().statusCode(201).extract().asString();
        assertThat(created).doesNotContain(SECRET);
        JsonPath json = JsonPath.from(created);
        long id = json.getLong("id");
        assertThat(json.getString("channel.type")).isEqualTo("webhook");
        assertThat(json.getString("channel.url")).isEqualTo("http://127.0.0.1:9/hook");
        assertThat(json.getBoolean("channel.secret_set")).isTrue();
        assertThat(json.getList("market_types")).containsExactly("futures");
        assertThat(json.getList("intervals")).containsExactly("1h");
        assertThat(json.getList("statuses")).containsExactly("suspected_abandonment");
        assertThat(json.getString("symbols")).isNull();
        assertThat(json.getString("min_trigger_quote_volume")).isEqualTo("250000.5");
        assertThat(json.getBoolean("enabled")).isTrue();
        assertThat(json.getBoolean("paused")).isFalse();

        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT webhook_secret FROM alert_subscription WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                byte[] stored = rs.getBytes(1);
                assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
                assertThat(stored).hasSize(12 + SECRET.length() + 16); // nonce + ciphertext + GCM tag
            }
        }

        String got = given().auth().oauth2(TestTokens.OPERATOR).get(PATH + "/" + id).then().statusCode(200).extract().asString();
        assertThat(got).doesNotContain(SECRET).contains("\"secret_set\":true");
        assertThat(given().auth().oauth2(TestTokens.OPERATOR).get(PATH + "?limit=500").then().statusCode(200).extract().asString()).doesNotContain(SECRET);

        // PUT without a secret keeps the stored one; the filters are replaced, defaults fill what is omitted.
        given().auth().oauth2(TestTokens.OPERATOR).contentType("application/json")
                .body("{\"channel\":{\"type\":\"webhook\",\"url\":\"https://example.org/x\"},\"symbols\":[\"btcusdt\"],\"enabled\":false}")
                .put(PATH + "/" + id).then().statusCode(200)
                .body("channel.url", equalTo("https://example.org/x")).body("channel.secret_set", equalTo(true))
                .body("symbols[0]", equalTo("BTCUSDT")).body("market_types.size()", equalTo(2))
                .body("statuses.size()", equalTo(3)).body("statuses[2]", equalTo("confirmed_abandonment"))
                .body("min_trigger_quote_volume", equalTo("0")).body("enabled", equalTo(false));

        given().auth().oauth2(TestTokens.OPERATOR).get(PATH + "/" + id + "/deliveries").then().statusCode(200)
                .body("subscription_id", equalTo((int) id)).body("deliveries.size()", equalTo(0));
        given().auth().oauth2(TestTokens.OPERATOR).delete(PATH + "/" + id).then().statusCode(204);
        given().auth().oauth2(TestTokens.OPERATOR).get(PATH + "/" + id).then().statusCode(404).body("error", equalTo("Subscription not found"));
        given().auth().oauth2(TestTokens.OPERATOR).delete(PATH + "/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.OPERATOR).get(PATH + "/" + id + "/deliveries").then().statusCode(404);
    }

    @Test
    void aTelegramSubscriptionKeepsOnlyTheNameOfItsToken() {
        given().auth().oauth2(TestTokens.OPERATOR).contentType("application/json")
                .body("{\"channel\":{\"type\":\"telegram\",\"bot_token_ref\":\"TRAPWATCH_TEST_BOT_TOKEN\",\"chat_id\":-1001234},"
                        + "\"statuses\":[\"invalidated\",\"expired\"]}")
                .post(PATH).then().statusCode(201)
                .body("channel.type", equalTo("telegram")).body("channel.bot_token_ref", equalTo("TRAPWATCH_TEST_BOT_TOKEN"))
                .body("channel.chat_id", equalTo("-1001234")).body("channel.url", nullValue())
                .body("statuses[0]", equalTo("invalidated"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "body | ",
            "body | [1,2]",
            "body | {not json",
            "channel | {}",
            "channel.type | {\"channel\":{\"type\":\"sms\"}}",
            "channel.url | {\"channel\":{\"type\":\"webhook\",\"secret\":\"0123456789abcdef\"}}",
            "channel.url | {\"channel\":{\"type\":\"webhook\",\"url\":\"ftp://x/y\",\"secret\":\"0123456789abcdef\"}}",
            "channel.url | {\"channel\":{\"type\":\"webhook\",\"url\":\"not a url\",\"secret\":\"0123456789abcdef\"}}",
            "channel.secret | {\"channel\":{\"type\":\"webhook\",\"url\":\"http://h/x\",\"secret\":\"short\"}}",
            "channel.chat_id | {\"channel\":{\"type\":\"webhook\",\"url\":\"http://h/x\",\"secret\":\"0123456789abcdef\",\"chat_id\":1}}",
            "channel.bot_token_ref | {\"channel\":{\"type\":\"telegram\",\"chat_id\":\"1\"}}",
            "channel.bot_token_ref | {\"channel\":{\"type\":\"telegram\",\"bot_token_ref\":\"NOT_SET_ANYWHERE\",\"chat_id\":\"1\"}}",
            "channel.chat_id | {\"channel\":{\"type\":\"telegram\",\"bot_token_ref\":\"TRAPWATCH_TEST_BOT_TOKEN\",\"chat_id\":\"x y\"}}",
            "market_types | {\"channel\":{\"type\":\"webhook\",\"url\":\"http://h/x\",\"secret\":\"0123456789abcdef\"},\"market_types\":[\"margin\"]}",
            "market_types | {\"channel\":{\"type\":\"webhook\",\"url\":\"http://h/x\",\"secret\":\"0123456789abcdef\"},\"market_types\":[]}",
            "intervals | {\"channel\":{\"type\":\"webhook\",\"url\":\"http://h/x\",\"secret\":\"0123456789abcdef\"},\"intervals\":\"1h\"}",
            "statuses | {\"channel\":{\"type\":\"webhook\",\"url\":\"http://h/x\",\"secret\":\"0123456789abcdef\"},\"statuses\":[\"discovery\"]}",
            "symbols | {\"channel\":{\"type\":\"webhook\",\"url\":\"http://h/x\",\"secret\":\"0123456789abcdef\"},\"symbols\":[\"BTC/USDT\"]}",
            "symbols | {\"channel\":{\"type\":\"webhook\",\"url\":\"http://h/x\",\"secret\":\"0123456789abcdef\"},\"symbols\":[]}",
            "min_trigger_quote_volume | {\"channel\":{\"type\":\"webhook\",\"url\":\"http://h/x\",\"secret\":\"0123456789abcdef\"},\"min_trigger_quote_volume\":-1}",
            "min_trigger_quote_volume | {\"channel\":{\"type\":\"webhook\",\"url\":\"http://h/x\",\"secret\":\"0123456789abcdef\"},\"min_trigger_quote_volume\":\"lots\"}",
            "enabled | {\"channel\":{\"type\":\"webhook\",\"url\":\"http://h/x\",\"secret\":\"0123456789abcdef\"},\"enabled\":\"yes\"}",
            "filters | {\"channel\":{\"type\":\"webhook\",\"url\":\"http://h/x\",\"secret\":\"0123456789abcdef\"},\"filters\":{}}",
    })
    void aBadBodyIsA400NamingTheField(String field, String body) {
        String answer = given().auth().oauth2(TestTokens.OPERATOR).contentType("application/json").body(body == null ? "" : body).post(PATH)
                .then().statusCode(400).body("field", equalTo(field)).body("error", equalTo("Invalid " + field + " field"))
                .extract().asString();
        assertThat(answer).doesNotContain("0123456789abcdef");
        // The same checks guard a replacement.
        given().auth().oauth2(TestTokens.OPERATOR).contentType("application/json").body(body == null ? "" : body).put(PATH + "/999999999")
                .then().statusCode(400).body("field", equalTo(field));
    }

    @Test
    void badIdsAndQueryParametersAre400s() {
        given().auth().oauth2(TestTokens.OPERATOR).get(PATH + "/abc").then().statusCode(400).body("parameter", equalTo("id"));
        given().auth().oauth2(TestTokens.OPERATOR).get(PATH + "/1/deliveries?status=lost").then().statusCode(400).body("parameter", equalTo("status"));
        given().auth().oauth2(TestTokens.OPERATOR).get(PATH + "?limit=0").then().statusCode(400).body("parameter", equalTo("limit"));
        given().auth().oauth2(TestTokens.OPERATOR).get(PATH + "/999999999").then().statusCode(404);
    }

    @Test
    void aNewWebhookNeedsASecret() {
        given().auth().oauth2(TestTokens.OPERATOR).contentType("application/json").body("{\"channel\":{\"type\":\"webhook\",\"url\":\"http://h/x\"}}").post(PATH)
                .then().statusCode(400).body("field", equalTo("channel.secret"));
    }
}
