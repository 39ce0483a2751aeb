package io.trapwatch.monitorapi.alerts;

import io.trapwatch.infra.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.infra.PostgresTestResource;
import io.trapwatch.infra.http.PrometheusText;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.monitorapi.support.Api;
import io.trapwatch.monitorapi.support.Broker;
import io.trapwatch.monitorapi.support.Events;
import io.trapwatch.monitorapi.support.MarketDataStubResource;
import io.trapwatch.monitorapi.support.TelegramStubResource;
import io.trapwatch.monitorapi.support.WebhookReceiver;
import io.trapwatch.monitorapi.support.WebhookReceiver.Received;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.trapwatch.monitorapi.support.Alerts.awaitSettled;
import static io.trapwatch.monitorapi.support.Alerts.deliveries;
import static io.trapwatch.monitorapi.support.Alerts.expectedSignature;
import static io.trapwatch.monitorapi.support.Alerts.subscribe;
import static io.trapwatch.monitorapi.support.Alerts.subscription;
import static io.trapwatch.monitorapi.support.Alerts.webhookBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events on the real broker, projected into PostgreSQL, fanned out to subscriptions and POSTed over real HTTP to a
 * local receiver: exactly one delivery per matching subscription and transition, in order, signed.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MarketDataStubResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TelegramStubResource.class, restrictToAnnotatedClass = false)
class WebhookDeliveryTest {

    private static final String SECRET = "receiver-shared-secret-0001";
    private static final Instant TRIGGER = Instant.parse("2025-11-20T08:00:00Z");
    private static final WebhookReceiver RECEIVER = new WebhookReceiver();

    @Inject
    AgroalDataSource dataSource;

    @AfterAll
    static void closeReceiver() {
        RECEIVER.close();
    }

    /** Trigger quote volume = 12345678 × 0.18230000 = 2,250,617.0994 USDT. */
    private static Events.Monitor futures1h(String symbol) {
        return new Events.Monitor(MarketType.FUTURES, symbol, Interval.H1, TRIGGER, "0.18230000")
                .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 3, new BigDecimal("0.16000000"), Events.confirmationSnapshot())
                .step(MonitorStatus.CONFIRMED_ABANDONMENT, "validation", 5, new BigDecimal("0.15010000"), Events.validationSnapshot());
    }

    private static long hook(String path, String filters) {
        return subscribe(webhookBody(RECEIVER.url(path), SECRET, filters));
    }

    @Test
    void eachMatchingSubscriptionGetsEachTransitionExactlyOnceInOrderDespiteDuplicatesReorderingAndGaps() throws Exception {
        String symbol = Events.uniqueSymbol();
        String only = "\"symbols\":[\"" + symbol + "\"]";
        long confirmations = hook("/confirmations-" + symbol, "\"market_types\":[\"futures\"],\"intervals\":[\"1h\"],"
                + "\"statuses\":[\"suspected_abandonment\"]," + only);
        long defaults = hook("/defaults-" + symbol, only);
        long floorBelow = hook("/floor-below-" + symbol, only + ",\"min_trigger_quote_volume\":\"2250617.0994\"");
        long spotOnly = hook("/spot-" + symbol, only + ",\"market_types\":[\"spot\"]");
        long fourHours = hook("/4h-" + symbol, only + ",\"intervals\":[\"4h\"]");
        long floorAbove = hook("/floor-above-" + symbol, only + ",\"min_trigger_quote_volume\":\"2250617.0995\"");
        long invalidations = hook("/invalidated-" + symbol, only + ",\"statuses\":[\"invalidated\",\"expired\"]");
        long otherSymbol = hook("/other-" + symbol, "\"symbols\":[\"" + Events.uniqueSymbol() + "\"]");

        Events.Monitor inOrder = futures1h(symbol);
        Events.Monitor gapFirst = new Events.Monitor(MarketType.FUTURES, symbol, Interval.H1, TRIGGER.plusSeconds(3600), "0.18230000")
                .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 3, new BigDecimal("0.16000000"), Events.confirmationSnapshot())
                .step(MonitorStatus.CONFIRMED_ABANDONMENT, "validation", 5, new BigDecimal("0.15010000"), Events.validationSnapshot());
        // Duplicates, a stale version after a newer one, and a monitor whose newest version comes first (gap).
        Broker.send(inOrder.version(1), inOrder.version(2), inOrder.version(2), inOrder.version(1), gapFirst.version(3),
                inOrder.version(3), gapFirst.version(1), inOrder.version(3), gapFirst.version(2));
        Api.awaitVersion(symbol, inOrder.key(), 3);
        Api.awaitVersion(symbol, gapFirst.key(), 3);
        awaitFannedOut(inOrder.key(), 3);
        awaitFannedOut(gapFirst.key(), 3);

        assertThat(awaitSettled(confirmations, 2)).allMatch(d -> "delivered".equals(d.get("status")) && Integer.valueOf(1).equals(d.get("attempts")));
        awaitSettled(defaults, 6);
        awaitSettled(floorBelow, 6);
        for (long none : List.of(spotOnly, fourHours, floorAbove, invalidations, otherSymbol)) {
            assertThat(deliveries(none)).isEmpty();
        }

        List<Received> confirmed = RECEIVER.at("/confirmations-" + symbol);
        assertThat(confirmed).extracting(r -> JsonPath.from(new String(r.body())).getString("monitor_key"))
                .containsExactlyInAnyOrder(inOrder.key(), gapFirst.key());
        assertThat(confirmed).extracting(r -> JsonPath.from(new String(r.body())).getInt("sequence")).containsExactly(2, 2);
        for (String path : List.of("/defaults-" + symbol, "/floor-below-" + symbol)) {
            List<Received> all = RECEIVER.at(path);
            assertThat(all).hasSize(6).allMatch(r -> r.answeredStatus() == 204);
            for (String key : List.of(inOrder.key(), gapFirst.key())) {
                assertThat(all.stream().map(r -> JsonPath.from(new String(r.body())))
                        .filter(j -> key.equals(j.getString("monitor_key"))).map(j -> j.getInt("sequence")))
                        .as("per-monitor order at %s", path).containsExactly(1, 2, 3);
            }
        }

        Received first = RECEIVER.at("/defaults-" + symbol).stream()
                .filter(r -> new String(r.body()).contains("\"sequence\":2") && new String(r.body()).contains(inOrder.key()))
                .findFirst().orElseThrow();
        assertThat(first.signature()).isEqualTo(expectedSignature(SECRET, first.body()));
        assertThat(first.idempotencyKey()).isEqualTo(defaults + ":" + inOrder.key() + ":2");
        JsonPath body = JsonPath.from(new String(first.body()));
        Map<String, Object> listed = Api.monitorByKey(symbol, inOrder.key());
        assertThat(body.getString("market_type")).isEqualTo("futures");
        assertThat(body.getString("symbol")).isEqualTo(symbol);
        assertThat(body.getString("interval")).isEqualTo("1h");
        assertThat(body.getString("from_status")).isEqualTo("pending");
        assertThat(body.getString("status")).isEqualTo("suspected_abandonment");
        assertThat(body.getString("reason")).isEqualTo("confirmation");
        assertThat(body.getString("bar_time")).isEqualTo("2025-11-20T11:00:00Z");
        assertThat(body.getString("bar_close")).isEqualTo("0.16000000");
        assertThat(body.getString("trigger_time")).isEqualTo("2025-11-20T08:00:00Z");
        assertThat(body.getString("trigger_price")).isEqualTo("0.18230000");
        assertThat(body.getString("trigger_volume")).isEqualTo("12345678.00000000");
        // The current price is the monitor's when the alert is sent: after the last transition it is that bar's close.
        JsonPath last = RECEIVER.at("/defaults-" + symbol).stream().map(r -> JsonPath.from(new String(r.body())))
                .filter(j -> inOrder.key().equals(j.getString("monitor_key")) && j.getInt("sequence") == 3).findFirst().orElseThrow();
        assertThat(last.getString("current_price")).isEqualTo("0.15010000");
        assertThat(last.getString("price_change_percent")).isEqualTo("-17.66");
        assertThat(body.getString("indicators.volume_retention_ratio")).isEqualTo("12.35");
        assertThat(body.getBoolean("indicators.key_level_breach")).isTrue();
        assertThat(body.getString("dashboard_url")).isEqualTo("http://localhost:8080/dashboard/monitors/" + listed.get("id"));
        assertThat(body.getLong("monitor_id")).isEqualTo(((Number) listed.get("id")).longValue());

        // A tampered body no longer matches its signature.
        byte[] tampered = new String(first.body()).replace("0.18230000", "0.18230001").getBytes();
        assertThat(first.signature()).isNotEqualTo(expectedSignature(SECRET, tampered));

        // Redelivered once more, long after: still nothing new.
        Broker.send(inOrder.version(3), inOrder.version(2), gapFirst.version(3));
        Events.Monitor sentinel = futures1h(symbol + "Z");
        Broker.send(sentinel.version(1));
        Api.awaitVersion(symbol + "Z", sentinel.key(), 1);
        awaitFannedOut(sentinel.key(), 1);
        assertThat(deliveries(defaults)).hasSize(6);
        assertThat(RECEIVER.at("/defaults-" + symbol)).hasSize(6);
    }

    @Test
    void aReceiverThatIsDownIsRetriedAndGetsTheAlertOnceWhenBack() {
        String symbol = Events.uniqueSymbol();
        String path = "/flaky-" + symbol;
        RECEIVER.failNext(path, 2);
        long id = hook(path, "\"symbols\":[\"" + symbol + "\"]");
        Events.Monitor m = futures1h(symbol);
        Broker.send(m.version(1));

        List<Map<String, Object>> settled = awaitSettled(id, 1);
        assertThat(settled.get(0)).containsEntry("status", "delivered").containsEntry("attempts", 3)
                .containsEntry("sequence", 1).containsEntry("monitor_key", m.key());
        List<Received> calls = RECEIVER.at(path);
        assertThat(calls).extracting(Received::answeredStatus).containsExactly(503, 503, 204);
        assertThat(calls).extracting(Received::idempotencyKey).containsOnly(id + ":" + m.key() + ":1");
        assertThat(subscription(id).getInt("consecutive_failures")).isZero();
    }

    @Test
    void aDeadReceiverIsParkedAndPausedAndResumesWhenEnabledAgain() throws Exception {
        String symbol = Events.uniqueSymbol();
        String only = "\"symbols\":[\"" + symbol + "\"]";
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long id = subscribe(webhookBody("http://127.0.0.1:" + closedPort + "/gone", SECRET, only));
        Events.Monitor a = futures1h(symbol);
        Events.Monitor b = new Events.Monitor(MarketType.FUTURES, symbol, Interval.H1, TRIGGER.plusSeconds(7200), "0.18230000");
        Broker.send(a.version(1), b.version(1));

        await().atMost(Duration.ofSeconds(60)).until(() -> subscription(id).getBoolean("paused"));
        JsonPath paused = subscription(id);
        assertThat(paused.getInt("consecutive_failures")).isGreaterThanOrEqualTo(5);
        assertThat(paused.getBoolean("enabled")).isTrue();
        List<Map<String, Object>> parked = given().auth().oauth2(TestTokens.OPERATOR).get("/api/volume-trap/subscriptions/" + id + "/deliveries?status=failed")
                .then().statusCode(200).extract().jsonPath().getList("deliveries");
        assertThat(parked).isNotEmpty().allSatisfy(d -> {
            assertThat(d).containsEntry("attempts", 3).containsEntry("next_attempt_at", null);
            assertThat((String) d.get("last_error")).contains("ConnectException");
        });
        // The metric counts the parked deliveries the table holds (every test's, so compared with the table).
        double parkedMetric = PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .sum("trapwatch_alert_deliveries", "channel", "webhook", "status", "failed");
        assertThat(parkedMetric).isGreaterThanOrEqualTo(parked.size()).isEqualTo(failedWebhookDeliveries());

        String path = "/revived-" + symbol;
        given().auth().oauth2(TestTokens.OPERATOR).contentType("application/json").body(webhookBody(RECEIVER.url(path), SECRET, only))
                .put("/api/volume-trap/subscriptions/" + id).then().statusCode(200);
        JsonPath resumed = subscription(id);
        assertThat(resumed.getBoolean("paused")).isFalse();
        assertThat(resumed.getInt("consecutive_failures")).isZero();

        Broker.send(a.version(2));
        List<Map<String, Object>> settled = awaitSettled(id, 3);
        assertThat(settled).filteredOn(d -> Integer.valueOf(2).equals(d.get("sequence")))
                .singleElement().satisfies(d -> assertThat(d).containsEntry("status", "delivered").containsEntry("attempts", 1));
        long delivered = settled.stream().filter(d -> "delivered".equals(d.get("status"))).count();
        // Every delivery that was still pending when the subscription paused went out after it resumed, once.
        assertThat(RECEIVER.at(path)).hasSize((int) delivered).extracting(Received::idempotencyKey).doesNotHaveDuplicates();
        assertThat(settled).allMatch(d -> "delivered".equals(d.get("status")) || "failed".equals(d.get("status")));
    }

    @Test
    void aHungReceiverHoldsBackNeitherTheProjectionNorOtherSubscribers() {
        String symbol = Events.uniqueSymbol();
        String only = "\"symbols\":[\"" + symbol + "\"]";
        RECEIVER.hold("/hung-" + symbol);
        long hung = hook("/hung-" + symbol, only);
        long healthy = hook("/healthy-" + symbol, only);
        Events.Monitor m = futures1h(symbol);
        Broker.send(m.version(1));
        try {
            awaitSettled(healthy, 1);
            Broker.send(m.version(2));
            Api.awaitVersion(symbol, m.key(), 2);
            awaitSettled(healthy, 2);
            assertThat(RECEIVER.at("/hung-" + symbol)).isEmpty(); // its first request is still being held
        } finally {
            RECEIVER.release("/hung-" + symbol);
        }
        awaitSettled(hung, 2);
        assertThat(RECEIVER.acceptedAt("/hung-" + symbol)).extracting(r -> JsonPath.from(new String(r.body())).getInt("sequence"))
                .containsExactly(1, 2);
    }

    private double failedWebhookDeliveries() throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM alert_delivery d JOIN alert_subscription s"
                     + " ON s.id = d.subscription_id WHERE s.channel = 'webhook' AND d.status = 'failed'");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private void awaitFannedOut(String monitorKey, int transitions) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT count(*) FROM alert_transition WHERE monitor_key = ? AND fanned_out")) {
                s.setString(1, monitorKey);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == transitions;
                }
            }
        });
    }
}
