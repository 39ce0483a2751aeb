package io.trapwatch.monitorapi.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.infra.KafkaBroker;
import io.trapwatch.infra.PostgresServer;
import io.trapwatch.infra.ServiceProcess;
import io.trapwatch.infra.TestTokens;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.model.Topics;
import io.trapwatch.monitorapi.support.Alerts;
import io.trapwatch.monitorapi.support.Events;
import io.trapwatch.monitorapi.support.WebhookReceiver;
import io.trapwatch.monitorapi.support.WebhookReceiver.Received;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service SIGKILLed while deliveries are pending (their receiver answering 503): after the restart each
 * is delivered exactly once, in order per monitor, and events redelivered afterwards alert nobody again.
 */
class AlertRestartIT {

    private static final String SECRET = "restart-test-secret-0001";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void deliveriesPendingAtAKillAreDeliveredOnceAfterTheRestart() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "alert-restart-it"));
        try (PostgresServer pg = PostgresServer.start(work.resolve("pg"), 0, false);
             KafkaBroker kafka = KafkaBroker.start(2, work);
             WebhookReceiver receiver = new WebhookReceiver();
             KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
            pg.createDatabase("alerts");
            Map<String, String> env = Map.of("TRAPWATCH_JDBC_URL", pg.jdbcUrl("alerts"), "TRAPWATCH_JDBC_USER", pg.username(),
                    "TRAPWATCH_JDBC_PASSWORD", pg.password(), "TRAPWATCH_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                    "TRAPWATCH_ALERTS_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                    "TRAPWATCH_API_TOKEN", TestTokens.OPERATOR);
            List<String> jvm = List.of("-Dtrapwatch.monitor-api.alerts.initial-backoff=200ms",
                    "-Dtrapwatch.monitor-api.alerts.max-backoff=500ms", "-Dtrapwatch.monitor-api.alerts.max-attempts=1000",
                    "-Dtrapwatch.monitor-api.alerts.pause-after-failures=100000");
            Path module = ServiceProcess.moduleDir("monitor-api-service");

            String symbol = Events.uniqueSymbol();
            String path = "/restart-" + symbol;
            receiver.failNext(path, Integer.MAX_VALUE);
            ServiceProcess first = new ServiceProcess("monitor-api-service-1", module, jvm, env, work).stopOnExit();
            first.start();
            long id = subscribe(first, Alerts.webhookBody(receiver.url(path), SECRET, "\"symbols\":[\"" + symbol + "\"]"));
            List<Events.Monitor> monitors = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                monitors.add(new Events.Monitor(MarketType.FUTURES, symbol, Interval.H1,
                        Instant.parse("2025-11-01T00:00:00Z").plusSeconds(3600L * i), "0.50000000")
                        .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 2, new BigDecimal("0.45000000"), Events.confirmationSnapshot()));
            }
            for (Events.Monitor m : monitors) {
                send(producer, m.version(1), m.version(2));
            }
            // All six are pending when the service dies; each monitor's first has been tried (and refused), its second
            // waits behind it (order per monitor).
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonNode d = deliveries(first, id);
                return d.size() == 6 && allMatch(d, x -> "pending".equals(x.get("status").asText())
                        && (x.get("sequence").asInt() == 2 ? x.get("attempts").asInt() == 0 : x.get("attempts").asInt() >= 1));
            });
            first.kill();
            assertThat(receiver.acceptedAt(path)).isEmpty();

            receiver.failNext(path, 0);
            ServiceProcess second = new ServiceProcess("monitor-api-service-2", module, jvm, env, work).stopOnExit();
            try {
                second.start();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    JsonNode d = deliveries(second, id);
                    return d.size() == 6 && allMatch(d, x -> "delivered".equals(x.get("status").asText()));
                });
                // Everything once more (a consumer group reset, a producer retry), then a sentinel on the same
                // partition: once the sentinel is delivered, the duplicates before it have been consumed.
                for (Events.Monitor m : monitors) {
                    send(producer, m.version(2), m.version(1));
                }
                Events.Monitor sentinel = new Events.Monitor(MarketType.FUTURES, symbol, Interval.H1,
                        Instant.parse("2025-11-02T00:00:00Z"), "0.50000000");
                send(producer, sentinel.version(1));
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    JsonNode d = deliveries(second, id);
                    return d.size() == 7 && allMatch(d, x -> "delivered".equals(x.get("status").asText()));
                });
            } finally {
                second.stop();
            }

            List<Received> accepted = receiver.acceptedAt(path);
            assertThat(accepted).hasSize(7).extracting(Received::idempotencyKey).doesNotHaveDuplicates();
            for (Events.Monitor m : monitors) {
                assertThat(accepted.stream().map(r -> json(r.body())).filter(b -> m.key().equals(b.get("monitor_key").asText()))
                        .map(b -> b.get("sequence").asInt())).as(m.key()).containsExactly(1, 2);
            }
            assertThat(accepted).allSatisfy(r -> assertThat(r.signature()).isEqualTo(Alerts.expectedSignature(SECRET, r.body())));
        }
    }

    private static boolean allMatch(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode node : array) {
            if (!test.test(node)) {
                return false;
            }
        }
        return true;
    }

    private static long subscribe(ServiceProcess service, String body) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + Alerts.PATH))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestTokens.OPERATOR).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asLong();
    }

    private static JsonNode deliveries(ServiceProcess service, long id) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                URI.create(service.baseUrl() + Alerts.PATH + "/" + id + "/deliveries?limit=500"))
                .header("Authorization", "Bearer " + TestTokens.OPERATOR).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body()).get("deliveries");
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class, ProducerConfig.ACKS_CONFIG, "all"));
    }

    private static void send(KafkaProducer<String, String> producer, MonitorStateChanged... events) throws Exception {
        for (MonitorStateChanged e : events) {
            producer.send(new ProducerRecord<>(Topics.MONITOR_STATE_CHANGED, e.series().asKafkaKey(), Events.json(e))).get();
        }
    }
}
