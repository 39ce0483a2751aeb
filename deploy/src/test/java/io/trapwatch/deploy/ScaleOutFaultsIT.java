package io.trapwatch.deploy;

import com.sun.net.httpserver.HttpServer;
import io.trapwatch.infra.ServiceProcess;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults of services scaled out, each followed by {@link FaultHarness}'s checks against the undisturbed result:
 * detection-service as several instances of one consumer group (one lost mid-stream, one added while bars are
 * processed), and monitor-api-service as two instances projecting into one read model, both serving reads and
 * sending alerts (one webhook subscription counts the deliveries per transition).
 * <p>
 * Topics have 12 partitions, as in deploy/k8s: each detection instance runs 4 consumers, so with the 4 partitions of
 * the other suites a second instance would only stand by. Every instance has its own instance name, as each pod has
 * its own. The scenarios share one system and run in order, as in {@link FaultSuiteIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutFaultsIT {

    private static final Path WORK = Path.of("target/faults-scale-out").toAbsolutePath();
    private static final int PARTITIONS = 12;
    private static final List<String> PLANTED = List.of("spot:PLANTAUSDT:1h", "spot:PLANTBUSDT:1h", "spot:PLANTCUSDT:1h",
            "spot:PLANTDUSDT:1h", "futures:PLANTEUSDT:1h", "futures:PLANTFUSDT:1h");
    /** Bars left for the monitor-api scenario and the harness's one bar after each scenario. */
    private static final int LAST_STREAMED_BAR = LocalSystem.VISIBLE_AT_START + LocalSystem.STEPS - 6;
    private static FaultHarness faults;
    private static LocalSystem system;
    private static ServiceProcess secondDetection;
    private static ServiceProcess secondApi;
    private static Webhooks webhooks;
    /** Transitions in the read model when the webhook subscription was created: only later ones are delivered. */
    private static int transitionsBeforeSubscription;

    @BeforeAll
    static void startSystem() throws Exception {
        faults = FaultHarness.start(WORK, PARTITIONS);
        system = faults.system;
        CompletableFuture<ServiceProcess> api = CompletableFuture.supplyAsync(() -> addInstance(system.api, "monitor-api-service-2"));
        secondDetection = system.addInstance(system.detection, "detection-service-2");
        secondApi = api.join();
        webhooks = new Webhooks();
        Http.post(system.api.baseUrl() + "/api/volume-trap/subscriptions", "{\"channel\":{\"type\":\"webhook\",\"url\":\""
                + webhooks.url() + "\",\"secret\":\"scale-out-suite-secret\"},\"statuses\":[\"pending\","
                + "\"suspected_abandonment\",\"confirmed_abandonment\",\"invalidated\",\"expired\"]}");
        transitionsBeforeSubscription = transitions(system.liveTransitions());
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (webhooks != null) {
            webhooks.close();
        }
        if (faults != null) {
            faults.close();
        }
    }

    /**
     * A SIGKILLed container restarts in its pod under the same name and takes its partitions back at once
     * ({@code LocalSystemIT}); here the pod is gone (a lost node): no consumer presents its instance ids again, so
     * its partitions wait for the session timeout before they move to the other instance.
     */
    @Test
    @Order(1)
    void detectionInstanceLostMidStream() throws Exception {
        faults.playUntil(PlantedSeries.PUMP - 3);
        system.awaitQuiet();
        Set<TopicPartition> lost;
        try (ConsumerLag lag = new ConsumerLag(system.kafka.bootstrapServers())) {
            lost = lag.assignedTo("detection-service", "detection-service-2");
        }
        List<String> lostSeries = PLANTED.stream().filter(series -> lost.contains(partition(series))).toList();
        assertThat(lostSeries).as("planted series on the partitions of detection-service-2 " + lost).isNotEmpty();
        assertThat(lost).as("the other instance owns partitions too").hasSizeLessThan(PARTITIONS);

        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> play(PlantedSeries.PUMP));
        long behind = awaitLagOn(lost);
        Instant killedAt = Instant.now();
        long fault = System.nanoTime();
        system.lose(secondDetection);
        stream.join();
        double firstBar = Duration.between(killedAt, firstProcessedAfter(lostSeries, killedAt)).toMillis() / 1e3;
        faults.scenario(String.format("SIGKILL of detection-service-2, one of two instances, mid-stream (it owned %d of %d partitions, "
                        + "%d bars on them not committed); its pod does not come back, the other instance takes its partitions",
                lost.size(), PARTITIONS, behind), fault, "the kill",
                String.format("its partitions' first bar processed %.1f s after the kill (session timeout: 15 s after its last heartbeat), ", firstBar));
    }

    /**
     * A third instance (as the lost pod's replacement, a new pod with a new name) joins while bars are published and
     * processed: partitions move between live instances with bars in flight.
     */
    @Test
    @Order(2)
    void instanceAddedWhileBarsAreProcessed() throws Exception {
        long added = System.nanoTime();
        CompletableFuture<ServiceProcess> third = CompletableFuture.supplyAsync(() -> addInstance(system.detection, "detection-service-3"));
        int firstBar = LocalSystem.VISIBLE_AT_START + faults.step;
        // Bars go on until the new instance was given partitions, so the group rebalances while bars are in flight.
        while (!(third.isDone() && owns("detection-service-3")) && LocalSystem.VISIBLE_AT_START + faults.step <= LAST_STREAMED_BAR) {
            faults.playUntil(LocalSystem.VISIBLE_AT_START + faults.step);
        }
        third.join();
        String ready = faults.readyAfter(added);
        int bars = LocalSystem.VISIBLE_AT_START + faults.step - firstBar;
        faults.scenario("a third detection instance (detection-service-3) starts while bars are played (" + bars
                + " bars meanwhile): partitions rebalanced between the two live instances during processing", added,
                "the start", ready, () -> {
                    for (String instance : List.of("detection-service", "detection-service-3")) {
                        assertThat(owns(instance)).as(instance + " owns partitions").isTrue();
                    }
                    return "; partitions on both instances";
                });
    }

    /** Both instances consume state changes, project them into one read model under its lock, serve reads and send alerts. */
    @Test
    @Order(3)
    void twoMonitorApiInstancesProjectTogether() throws Exception {
        faults.playUntil(LocalSystem.VISIBLE_AT_START + faults.step + 1);
        faults.scenario("two monitor-api-service instances in one group, projecting into one read model and both serving"
                + " reads; a webhook subscription for every transition", System.nanoTime(), null, "", () -> {
                    try (ConsumerLag lag = new ConsumerLag(system.kafka.bootstrapServers())) {
                        for (String instance : List.of("monitor-api-service", "monitor-api-service-2")) {
                            assertThat(lag.assignedTo("monitor-api-service", instance)).as(instance + "'s partitions").isNotEmpty();
                        }
                    }
                    Map<String, List<String>> first = system.liveTransitions();
                    assertThat(system.liveTransitions(secondApi)).as("monitors as the second instance answers them")
                            .isEqualTo(first);
                    int expected = transitions(first) - transitionsBeforeSubscription;
                    awaitDeliveries(expected);
                    assertThat(webhooks.received).as("webhook requests per transition (idempotency key)")
                            .allSatisfy((key, requests) -> assertThat(requests.get()).as(key).isEqualTo(1));
                    assertThat(webhooks.received).as("transitions delivered").hasSize(expected);
                    return String.format("; both instances: %d monitors; %d webhook deliveries, one per transition",
                            first.size(), webhooks.received.size());
                });
    }

    private static ServiceProcess addInstance(ServiceProcess like, String name) {
        try {
            return system.addInstance(like, name);
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not start", e);
        }
    }

    private static void play(int untilBar) {
        try {
            faults.playUntil(untilBar);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int transitions(Map<String, List<String>> byMonitor) {
        return byMonitor.values().stream().mapToInt(List::size).sum();
    }

    /** The partition the producers' default partitioner gives a series' key. */
    private static TopicPartition partition(String series) {
        return new TopicPartition(LocalSystem.KLINE_CLOSED,
                Utils.toPositive(Utils.murmur2(series.getBytes(StandardCharsets.UTF_8))) % PARTITIONS);
    }

    private static boolean owns(String instance) throws Exception {
        try (ConsumerLag lag = new ConsumerLag(system.kafka.bootstrapServers())) {
            return !lag.assignedTo("detection-service", instance).isEmpty();
        }
    }

    /** Waits until records on {@code partitions} are not yet committed by detection-service; returns how many. */
    private static long awaitLagOn(Set<TopicPartition> partitions) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (ConsumerLag lag = new ConsumerLag(system.kafka.bootstrapServers())) {
            while (System.nanoTime() < deadline) {
                long behind = lag.lagByPartition("detection-service", LocalSystem.KLINE_CLOSED).entrySet().stream()
                        .filter(e -> partitions.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
                if (behind > 0) {
                    return behind;
                }
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("no bar published on " + partitions + " in 30 s");
    }

    /** When detection-service (any instance) first advanced one of {@code series} after {@code after}. */
    private static Instant firstProcessedAfter(List<String> series, Instant after) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Connection c = DriverManager.getConnection(system.postgres.jdbcUrl("trapwatch"), system.postgres.username(),
                system.postgres.password());
             PreparedStatement first = c.prepareStatement("SELECT min(updated_at) FROM detection.series_state"
                     + " WHERE market_type || ':' || symbol || ':' || kline_interval = ANY(?) AND updated_at > ?")) {
            first.setArray(1, c.createArrayOf("text", series.toArray()));
            first.setTimestamp(2, Timestamp.from(after));
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = first.executeQuery()) {
                    rs.next();
                    if (rs.getTimestamp(1) != null) {
                        return rs.getTimestamp(1).toInstant();
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("no bar of " + series + " processed within 2 minutes of the kill");
    }

    /** Waits (bounded) until {@code expected} transitions were delivered and none is pending, then a little longer for repeats. */
    private static void awaitDeliveries(int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        try (Connection c = DriverManager.getConnection(system.postgres.jdbcUrl("trapwatch"), system.postgres.username(),
                system.postgres.password());
             PreparedStatement open = c.prepareStatement("SELECT count(*) FROM monitor_api.alert_delivery WHERE status <> 'delivered'")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = open.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0 && webhooks.received.size() >= expected) {
                        Thread.sleep(1000);
                        return;
                    }
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("webhook deliveries: " + webhooks.received.size() + " of " + expected + " after a minute");
    }

    /** A local webhook receiver that answers 200 and counts the requests per idempotency key. */
    private static final class Webhooks implements AutoCloseable {

        final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        private final HttpServer server;

        Webhooks() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                received.computeIfAbsent(String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")),
                        key -> new AtomicInteger()).incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
