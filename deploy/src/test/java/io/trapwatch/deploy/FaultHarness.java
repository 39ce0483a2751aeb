package io.trapwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trapwatch.infra.ServiceProcess;
import io.trapwatch.model.KlineClosed;
import io.trapwatch.model.KlineClosedValidator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every fault scenario shares, over one {@link LocalSystem}: playing the replay bar by bar, waiting for recovery
 * (every service ready, every consumer group caught up, liveness failures restarted as the kubelet would), the checks
 * against the undisturbed result, and the table of scenarios the suites print.
 * <ul>
 *   <li>the same monitors with the same transitions as the undisturbed result, i.e. fresh engines over every stored
 *   bar (detection-service's dry run);</li>
 *   <li>one distinct {@code MonitorStateChanged} per transition (a repeat, allowed by at-least-once publishing, is byte
 *   for byte its first copy);</li>
 *   <li>every stored bar published once: one distinct {@code KlineClosed} per stored bar (repeats identical).</li>
 * </ul>
 */
final class FaultHarness implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper EVENTS = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final String CHECKED = "monitors and transitions = dry run; one MonitorStateChanged per transition; "
            + "each stored bar published once";
    static final Map<String, String> TOPIC_BY_GROUP = Map.of(
            "detection-service", LocalSystem.KLINE_CLOSED,
            "monitor-api-service", LocalSystem.MONITOR_STATE_CHANGED,
            "monitor-api-service-outcomes", "trapwatch.monitor-outcomes-changed.v1",
            "monitor-api-service-prices", LocalSystem.KLINE_CLOSED);

    final LocalSystem system;
    /** Live steps played so far (step n closes bar VISIBLE_AT_START + n - 1). */
    int step;
    private final List<String> table = new ArrayList<>();
    /** Services restarted for failing their liveness check during the current scenario's recovery. */
    private final List<String> livenessRestarts = new ArrayList<>();

    private FaultHarness(LocalSystem system) {
        this.system = system;
    }

    /** A system started under {@code work}, its instruments synced and every series back-filled. */
    static FaultHarness start(Path work) throws Exception {
        return start(work, 4);
    }

    /** The same with {@code partitions} partitions per topic. */
    static FaultHarness start(Path work, int partitions) throws Exception {
        LocalSystem system = LocalSystem.start(work, partitions);
        system.syncAndBackfill();
        return new FaultHarness(system);
    }

    /** Prints the table of the scenarios run, then stops the system. */
    @Override
    public void close() throws Exception {
        System.out.println("| scenario | what was checked | result | recovery |\n|---|---|---|---|");
        table.forEach(System.out::println);
        system.close();
    }

    /** Plays live steps until bar {@code bar} (index in the planted series) has closed and been updated. */
    void playUntil(int bar) throws Exception {
        while (LocalSystem.VISIBLE_AT_START + step <= bar) {
            system.nextBar();
            step++;
        }
    }

    /**
     * Waits for recovery (every service ready, every group caught up), plays one more bar, checks, and records the
     * scenario's row. The recovery time runs from {@code since} ({@code sinceWhat}: the kill, or the fault lifted).
     */
    void scenario(String what, long since, String sinceWhat, String ready) throws Exception {
        scenario(what, since, sinceWhat, ready, () -> "");
    }

    /** The same with checks of the scenario's own after the common ones; {@code more} returns what it compared. */
    void scenario(String what, long since, String sinceWhat, String ready, Callable<String> more) throws Exception {
        String recovery = "-";
        try {
            if (sinceWhat != null) {
                livenessRestarts.clear();
                recovery = ready + String.format("caught up %.1f s after %s", awaitRecovered(since), sinceWhat);
                if (!livenessRestarts.isEmpty()) {
                    recovery += " (liveness DOWN: restarted " + String.join(", ", livenessRestarts) + " as the kubelet would)";
                }
            }
            playUntil(LocalSystem.VISIBLE_AT_START + step);
            system.awaitQuiet();
            row(what, "pass (" + checkAgainstUndisturbed() + more.call() + ")", recovery);
        } catch (Exception | AssertionError failure) {
            row(what, "FAIL: " + String.valueOf(failure.getMessage()).lines().findFirst().orElse(""), recovery);
            throw failure;
        }
    }

    String readyAfter(long killed) {
        return String.format("ready %.1f s, ", (System.nanoTime() - killed) / 1e9);
    }

    void row(String what, String result, String recovery) {
        String row = "| " + what + " | " + CHECKED + " | " + result + " | " + recovery + " |";
        table.add(row);
        System.out.println("fault scenario: " + row);
    }

    /** The three checks; returns the counts they compared. */
    String checkAgainstUndisturbed() throws Exception {
        Map<String, List<String>> live = system.liveTransitions();
        assertThat(live).as("monitors and transitions as the dry run over every stored bar gives them")
                .isEqualTo(system.dryRunTransitions());
        int transitions = live.values().stream().mapToInt(List::size).sum();

        Map<String, String> eventById = new HashMap<>();
        int stateRecords = system.readTopic(LocalSystem.MONITOR_STATE_CHANGED, transitions, (key, value) -> {
            String first = eventById.putIfAbsent(LocalSystem.json(value).path("eventId").asText(), value);
            assertThat(first == null || first.equals(value)).as("a repeated MonitorStateChanged equals its first copy").isTrue();
        });
        assertThat(eventById).as("one distinct MonitorStateChanged per transition").hasSize(transitions);

        long stored = storedBars();
        Map<String, String> barById = new HashMap<>();
        Map<String, Set<String>> idsByBar = new HashMap<>();
        int[] unusable = {0};
        int barRecords = system.readTopic(LocalSystem.KLINE_CLOSED, (int) stored, (key, value) -> {
            // Poison records a scenario produced on purpose: no stored bar's event, skipped here as every consumer
            // skips them (the same validator), and counted in the result.
            if (!usableKlineClosed(value)) {
                unusable[0]++;
                return;
            }
            JsonNode e = LocalSystem.json(value);
            String id = e.path("eventId").asText();
            String first = barById.putIfAbsent(id, value);
            assertThat(first == null || first.equals(value)).as("a repeated KlineClosed equals its first copy").isTrue();
            idsByBar.computeIfAbsent(e.path("marketType").asText() + ":" + e.path("symbol").asText() + ":"
                    + e.path("interval").asText() + ":" + e.path("kline").path("openTime").asText(), k -> new HashSet<>()).add(id);
        });
        assertThat(idsByBar.entrySet()).as("bars published with more than one event id")
                .allSatisfy(bar -> assertThat(bar.getValue()).as(bar.getKey()).hasSize(1));
        assertThat((long) idsByBar.size()).as("bars published = bars stored").isEqualTo(stored);
        return String.format("%d monitors, %d transitions, %d events (%d records), %d bars (%d records%s)", live.size(),
                transitions, eventById.size(), stateRecords, stored, barRecords,
                unusable[0] == 0 ? "" : ", " + unusable[0] + " unusable skipped");
    }

    /** Whether a kline-closed record is an event the consumers use (they read it with the same validator). */
    static boolean usableKlineClosed(String value) {
        try {
            return KlineClosedValidator.problem(EVENTS.readValue(value, KlineClosed.class)).isEmpty();
        } catch (IOException | IllegalArgumentException unreadable) {
            return false;
        }
    }

    long storedBars() throws Exception {
        return count("SELECT count(*) FROM market_data.kline");
    }

    /** A connection to the services' database, as the suite's own client (locks, counts, schema changes). */
    Connection database() throws SQLException {
        return DriverManager.getConnection(system.postgres.jdbcUrl("trapwatch"), system.postgres.username(),
                system.postgres.password());
    }

    /**
     * Takes an exclusive lock on {@code table} in a transaction of {@code connection}, held until it is rolled back or
     * closed: work that writes the table waits behind it, provably under way (see {@link #awaitWaitingForLock}).
     */
    static void holdExclusive(Connection connection, String table) throws SQLException {
        connection.setAutoCommit(false);
        connection.createStatement().execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
    }

    /** The single number a query answers. */
    long count(String sql) throws SQLException {
        try (Connection c = database(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Waits until at least one statement containing {@code statement} waits for a lock (one the suite holds), and
     * returns how many do: the moment a scenario injects its fault into work under way.
     */
    long awaitWaitingForLock(String statement) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String waiting = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                + " AND query ILIKE '%" + statement.replace("'", "''") + "%'";
        long n;
        while ((n = count(waiting)) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no statement like '" + statement + "' waited for the lock in a minute");
            }
            Thread.sleep(20);
        }
        return n;
    }

    /** {@code trapwatch_events_rejected_total} of KlineClosed records for {@code reason}, as /q/metrics shows it. */
    static double rejectedKlineClosed(ServiceProcess service, String reason) throws Exception {
        return Http.text(service.baseUrl() + "/q/metrics").lines()
                .filter(l -> l.startsWith("trapwatch_events_rejected_total{") && l.contains("event_type=\"KlineClosed\"")
                        && l.contains("reason=\"" + reason + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * Seconds from {@code since} until every service is ready and no consumer group lags. Meanwhile it probes each
     * service's liveness as the Deployments' livenessProbe does (every 10 s, three failures in a row) and restarts a
     * service that failed it, as the kubelet would: that restart is part of recovering "by itself" in Kubernetes, and
     * the scenario's row names it.
     */
    double awaitRecovered(long since) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        Map<ServiceProcess, Integer> failedProbes = new HashMap<>();
        long nextProbe = System.nanoTime();
        try (ConsumerLag lag = new ConsumerLag(system.kafka.bootstrapServers())) {
            while (System.nanoTime() < deadline) {
                if (allReady() && drained(lag)) {
                    return (System.nanoTime() - since) / 1e9;
                }
                if (System.nanoTime() >= nextProbe) {
                    nextProbe = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    for (ServiceProcess service : system.services()) {
                        int failed = status(service, "/q/health/live") == 200 ? 0 : failedProbes.getOrDefault(service, 0) + 1;
                        failedProbes.put(service, failed);
                        if (failed == 3) {
                            livenessRestarts.add(service.name());
                            service.kill();
                            service.start();
                            if (service == system.marketData) {
                                system.restoreClock();
                            }
                            failedProbes.put(service, 0);
                        }
                    }
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("not recovered after 5 minutes: ready " + allReady());
    }

    boolean drained(ConsumerLag lag) {
        try {
            for (var e : TOPIC_BY_GROUP.entrySet()) {
                if (lag.lag(e.getKey(), e.getValue()) != 0) {
                    return false;
                }
            }
            return true;
        } catch (Exception brokerNotBackYet) {
            return false;
        }
    }

    long lag(String group) throws Exception {
        try (ConsumerLag lag = new ConsumerLag(system.kafka.bootstrapServers())) {
            return lag.lag(group, TOPIC_BY_GROUP.get(group));
        }
    }

    /** Waits (bounded) until every service's readiness is {@code up}, or, for down, until any of them is down. */
    boolean awaitReadiness(boolean up, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (up ? allReady() : !allReady()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    boolean allReady() throws InterruptedException {
        for (ServiceProcess service : system.services()) {
            if (status(service, "/q/health/ready") != 200) {
                return false;
            }
        }
        return true;
    }

    /** The status of a health check; 0 when the service does not answer. */
    int status(ServiceProcess service, String path) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException down) {
            return 0;
        }
    }

    long endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                system.kafka.bootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    void awaitEndOffsetsAbove(String topic, long offsets) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (endOffsets(topic) <= offsets) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("nothing published on " + topic + " in a minute");
            }
            Thread.sleep(20);
        }
    }
}
