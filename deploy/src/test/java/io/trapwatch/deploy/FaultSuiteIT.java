package io.trapwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trapwatch.infra.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.trapwatch.infra.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults during live operation, each followed by {@link FaultHarness}'s checks against the undisturbed result.
 * <p>
 * One system serves the whole suite (starting one costs about a minute; one per scenario would not fit the CI
 * budget): the bundled replay (real series and the planted ones) is played bar by bar once, and each scenario injects
 * its fault at its own bar, lets the system recover by itself, plays one more bar (a bar skipped during the fault is
 * filled from the next one) and checks everything stored so far. The scenarios run in order on the same data, so a
 * scenario that breaks the data fails the ones after it as well; the first failure is the one to read. Printed per
 * scenario: what was checked, the result, the recovery time (fault injected or lifted → every service ready and every
 * consumer group caught up).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static final Path WORK = Path.of("target/faults").toAbsolutePath();
    private static final String OUTBOX = "market_data.kline_outbox";
    /**
     * market-data-service's statement storing bars with their outbox rows, by its first insert: PostgreSQL shows a
     * statement's first 1024 characters only (track_activity_query_size), the outbox insert comes later.
     */
    private static final String BAR_INSERT = "INSERT INTO kline (market_type";
    private static final Duration KAFKA_OUTAGE = Duration.ofSeconds(30);
    private static final Duration POSTGRES_OUTAGE = Duration.ofSeconds(10);
    private static FaultHarness faults;
    private static LocalSystem system;

    @BeforeAll
    static void startSystem() throws Exception {
        faults = FaultHarness.start(WORK);
        system = faults.system;
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (faults != null) {
            faults.close();
        }
    }

    @Test
    @Order(1)
    void monitorApiKilledMidProjection() throws Exception {
        faults.playUntil(PlantedSeries.PUMP - 1);
        long published = faults.endOffsets(LocalSystem.MONITOR_STATE_CHANGED);
        faults.playUntil(PlantedSeries.PUMP); // the pump bar: every planted series discovers a monitor
        faults.awaitEndOffsetsAbove(LocalSystem.MONITOR_STATE_CHANGED, published);
        long behind = faults.lag("monitor-api-service");
        long fault = System.nanoTime();
        system.api.kill();
        faults.playUntil(PlantedSeries.PUMP + 1); // and a bar with transitions while it is down
        system.api.start();
        faults.scenario("SIGKILL of monitor-api-service mid-projection (" + behind + " events not yet projected), restart",
                fault, "the kill", faults.readyAfter(fault));
    }

    @Test
    @Order(2)
    void marketDataKilledBeforeAnUpdateAnswered() throws Exception {
        faults.playUntil(PlantedSeries.PUMP + 2);
        system.advanceClock(1);
        CompletableFuture<JsonNode> update;
        long waiting;
        long fault;
        try (Connection lock = faults.database()) {
            // The update's inserts wait behind this lock, so the kill finds the update in flight, before its answer.
            FaultHarness.holdExclusive(lock, OUTBOX);
            update = CompletableFuture.supplyAsync(() -> {
                try {
                    return system.update("spot", "1h", "");
                } catch (Exception cutOff) {
                    return null;
                }
            });
            waiting = faults.awaitWaitingForLock(BAR_INSERT);
            fault = System.nanoTime();
            system.marketData.kill();
            lock.rollback();
        }
        boolean answered = update.join() != null;
        system.marketData.start();
        String ready = faults.readyAfter(fault);
        system.restoreClock();
        system.updateLive(); // the next CronJob run
        faults.step++;
        faults.scenario("SIGKILL of market-data-service during a 1h update, before it answered (" + waiting
                + " inserts of bars under way), restart, update again", fault, "the kill", ready);
        assertThat(answered).as("the update answered before the kill").isFalse();
    }

    @Test
    @Order(3)
    void marketDataKilledMidDrainAfterTheUpdateAnswered() throws Exception {
        faults.playUntil(PlantedSeries.PUMP + 4);
        system.advanceClock(1);
        long queued;
        long published;
        long stillQueued;
        long fault;
        try (Connection drainLock = faults.database(); Connection rows = faults.database()) {
            // One drainer at a time holds this advisory lock: held here, the update stores its bars and answers with
            // their events still queued.
            drainLock.createStatement().execute("SELECT pg_advisory_lock(hashtext('" + OUTBOX + "'))");
            system.updateLive();
            queued = faults.count("SELECT count(*) FROM " + OUTBOX);
            // Rows locked here: the next scheduled drain publishes them, then waits to delete them. The kill falls
            // between the broker's acknowledgement and the delete, the window in which events are published twice.
            rows.setAutoCommit(false);
            rows.createStatement().execute("SELECT id FROM " + OUTBOX + " FOR UPDATE");
            long before = faults.endOffsets(LocalSystem.KLINE_CLOSED);
            drainLock.createStatement().execute("SELECT pg_advisory_unlock(hashtext('" + OUTBOX + "'))");
            faults.awaitEndOffsetsAbove(LocalSystem.KLINE_CLOSED, before + queued - 1);
            published = faults.endOffsets(LocalSystem.KLINE_CLOSED) - before;
            faults.awaitWaitingForLock("DELETE FROM " + OUTBOX);
            stillQueued = faults.count("SELECT count(*) FROM " + OUTBOX);
            fault = System.nanoTime();
            system.marketData.kill();
            rows.rollback();
        }
        system.marketData.start();
        String ready = faults.readyAfter(fault);
        system.restoreClock();
        faults.step++;
        faults.scenario("SIGKILL of market-data-service mid-drain, after the update answered (" + queued + " events queued; "
                + published + " published, " + stillQueued + " outbox rows not yet deleted at the kill), restart: published"
                + " again", fault, "the kill", ready);
        assertThat(queued).as("events queued when the update answered").isPositive();
        assertThat(stillQueued).as("outbox rows left at the kill").isEqualTo(queued);
    }

    @Test
    @Order(4)
    void kafkaBrokerStopped30SecondsDuringDetectionAndIngest() throws Exception {
        faults.playUntil(PlantedSeries.PUMP + 7);
        CompletableFuture<long[]> update;
        long behind;
        long waiting;
        long stopped;
        // One outage for both (30 s each would cost the suite another minute): the broker stops while detection-service
        // is in the middle of a batch and while an update is in flight, each held at its insert by a lock and seen
        // waiting there. Released into the outage, detection's batch commits with its events queued in its outbox and
        // its offsets not committed; the update stores its bars and drains into the outage (waiting up to the 30 s
        // acknowledgement timeout, so its events leave either late within the update or later from the outbox).
        try (Connection detectionLock = faults.database(); Connection ingestLock = faults.database()) {
            FaultHarness.holdExclusive(detectionLock, "detection.series_bar");
            system.nextBar();
            faults.step++;
            faults.awaitWaitingForLock("series_bar");
            behind = faults.lag("detection-service");
            system.advanceClock(1);
            FaultHarness.holdExclusive(ingestLock, OUTBOX);
            long started = System.nanoTime();
            update = CompletableFuture.supplyAsync(() -> {
                try {
                    long queued = 0;
                    for (String market : List.of("spot", "futures")) {
                        queued += system.update(market, "1h", "").path("events_queued").asLong();
                    }
                    return new long[] {System.nanoTime() - started, queued};
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            waiting = faults.awaitWaitingForLock(BAR_INSERT);
            stopped = System.nanoTime();
            system.kafka.stopBroker();
            ingestLock.rollback();
            detectionLock.rollback();
        }
        boolean readinessDown = faults.awaitReadiness(false, Duration.ofSeconds(25));
        sleepUntil(stopped, KAFKA_OUTAGE);
        long fault = System.nanoTime();
        system.kafka.startBroker();
        long[] answer = update.join();
        faults.step++;
        faults.scenario(String.format("Kafka broker stopped %.0f s during detection (its batch of %d bars under way) and during"
                        + " ingest (an update in flight, %d inserts of bars under way); the update answered after %.1f s with"
                        + " %d events queued; readiness %s", (fault - stopped) / 1e9, behind, waiting, answer[0] / 1e9,
                answer[1], readinessDown ? "went down" : "stayed up"), fault, "the broker came back", "");
        assertThat(behind).as("detection-service's lag at the stop").isPositive();
    }

    @Test
    @Order(5)
    void postgresRestartedDuringDetection() throws Exception {
        faults.playUntil(PlantedSeries.PUMP + 12);
        long stopped = stopPostgres();
        boolean readinessDown = faults.awaitReadiness(false, Duration.ofSeconds(30));
        long fault = restartPostgres(stopped);
        faults.scenario(String.format("PostgreSQL stopped %.0f s during detection, restarted (readiness %s)", (fault - stopped) / 1e9,
                readinessDown ? "went down" : "stayed up"), fault, "PostgreSQL came back", "");
        assertThat(readinessDown).as("readiness went down without PostgreSQL").isTrue();
    }

    @Test
    @Order(6)
    void postgresRestartedDuringProjection() throws Exception {
        faults.playUntil(PlantedSeries.PUMP + 13);
        long backlog;
        long stopped;
        try (Connection lock = faults.database()) {
            // monitor-api-service's price projection waits behind this lock while the bar is played: a backlog of
            // unprojected events, a batch under way, when PostgreSQL stops.
            FaultHarness.holdExclusive(lock, "monitor_api.series_price");
            system.nextBar();
            faults.step++;
            faults.awaitWaitingForLock("series_price");
            backlog = faults.lag("monitor-api-service-prices") + faults.lag("monitor-api-service");
            stopped = stopPostgres();
        }
        boolean readinessDown = faults.awaitReadiness(false, Duration.ofSeconds(30));
        long fault = restartPostgres(stopped);
        faults.scenario(String.format("PostgreSQL stopped %.0f s during projection (monitor-api-service %d events behind, a batch"
                        + " under way), restarted (readiness %s)", (fault - stopped) / 1e9, backlog,
                readinessDown ? "went down and came back" : "stayed up"), fault, "PostgreSQL came back", "");
        assertThat(backlog).as("monitor-api-service's backlog when PostgreSQL stopped").isPositive();
        assertThat(readinessDown).as("readiness went down without PostgreSQL").isTrue();
    }

    @Test
    @Order(7)
    void postgresRestartedDuringIngest() throws Exception {
        faults.playUntil(PlantedSeries.PUMP + 15);
        system.advanceClock(1);
        long barsBefore = faults.storedBars();
        CompletableFuture<HttpResponse<String>> update;
        long waiting;
        long stopped;
        try (Connection lock = faults.database()) {
            // The update's inserts wait behind this lock: PostgreSQL stops under the update in flight.
            FaultHarness.holdExclusive(lock, OUTBOX);
            update = CompletableFuture.supplyAsync(() -> {
                try {
                    return Http.postWithToken(system.marketData.baseUrl() + "/api/market-data/klines/update?market_type=spot"
                            + "&interval=1h", Http.token);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            waiting = faults.awaitWaitingForLock(BAR_INSERT);
            stopped = stopPostgres();
        }
        HttpResponse<String> answer = update.join();
        double answeredAfter = (System.nanoTime() - stopped) / 1e9;
        boolean readinessDown = faults.awaitReadiness(false, Duration.ofSeconds(30));
        long fault = restartPostgres(stopped);
        long barsAfter = faults.storedBars();
        faults.step++;
        faults.scenario(String.format("PostgreSQL stopped %.0f s during ingest: an update in flight (%d inserts of bars under"
                        + " way) answered %d %s %.1f s after the stop, %d bars stored by it; restarted (readiness %s); the next"
                        + " update fills the bar", (fault - stopped) / 1e9, waiting, answer.statusCode(),
                answer.body().replace("|", "/"), answeredAfter, barsAfter - barsBefore,
                readinessDown ? "went down and came back" : "stayed up"), fault, "PostgreSQL came back", "");
        assertStorageFailure(answer);
        assertThat(barsAfter).as("bars stored by the update cut off by the stop").isEqualTo(barsBefore);
        assertThat(readinessDown).as("readiness went down without PostgreSQL").isTrue();
    }

    @Test
    @Order(8)
    void detectionKilledMidBatch() throws Exception {
        faults.playUntil(PlantedSeries.PUMP + 17);
        long behind;
        long fault;
        try (Connection lock = faults.database()) {
            // detection-service's batch transaction waits behind this lock: the kill finds it mid-batch, its offsets
            // not committed.
            FaultHarness.holdExclusive(lock, "detection.series_bar");
            system.nextBar();
            faults.step++;
            faults.awaitWaitingForLock("series_bar");
            behind = faults.lag("detection-service");
            fault = System.nanoTime();
            system.detection.kill();
            lock.rollback();
        }
        system.detection.start();
        faults.scenario("SIGKILL of detection-service mid-batch (" + behind + " bars not committed, its batch transaction"
                + " under way), restart", fault, "the kill", faults.readyAfter(fault));
        assertThat(behind).as("detection-service's lag at the kill").isPositive();
    }

    @Test
    @Order(9)
    void outboxInsertRefused() throws Exception {
        faults.playUntil(PlantedSeries.PUMP + 19);
        system.advanceClock(1);
        long barsBefore = faults.storedBars();
        boolean superuser = faults.count("SELECT count(*) FROM pg_roles WHERE rolname = current_user AND rolsuper") == 1;
        try (Connection c = faults.database()) {
            // As a full disk would: the outbox refuses every new row. A superuser ignores REVOKE, not a constraint.
            c.createStatement().execute("ALTER TABLE " + OUTBOX + " ADD CONSTRAINT refuses_writes CHECK (false) NOT VALID");
        }
        long started = System.nanoTime();
        HttpResponse<String> answer = Http.postWithToken(system.marketData.baseUrl()
                + "/api/market-data/klines/update?market_type=spot&interval=1h", Http.token);
        double answeredAfter = (System.nanoTime() - started) / 1e9;
        long barsAfter = faults.storedBars();
        long queued = faults.count("SELECT count(*) FROM " + OUTBOX);
        long fault;
        try (Connection c = faults.database()) {
            c.createStatement().execute("ALTER TABLE " + OUTBOX + " DROP CONSTRAINT refuses_writes");
            fault = System.nanoTime();
        }
        faults.step++;
        faults.scenario(String.format("outbox insert refused (CHECK (false) on %s; the services connect as %s): the update"
                        + " answered %d %s after %.1f s, %d bars and %d outbox rows stored; constraint dropped, the next update"
                        + " fills the bar", OUTBOX, superuser ? "a superuser, REVOKE would not bite" : "no superuser",
                answer.statusCode(), answer.body().replace("|", "/"), answeredAfter, barsAfter - barsBefore, queued),
                fault, "the constraint was dropped", "");
        assertStorageFailure(answer);
        assertThat(answer.body()).as("the error names the cause").contains("refuses_writes");
        assertThat(barsAfter).as("bars stored by the refused update").isEqualTo(barsBefore);
        assertThat(queued).as("outbox rows left by the refused update").isZero();
    }

    @Test
    @Order(10)
    void poisonKlineClosedRecordsSkipped() throws Exception {
        faults.playUntil(PlantedSeries.PUMP + 21);
        List<ServiceProcess> consumers = List.of(system.detection, system.api);
        Map<String, Double> before = rejected(consumers);
        Map<String, Long> logged = droppedLogLines(consumers);
        String series = "spot:PLANTAUSDT:1h";
        Instant next = PlantedSeries.openTime(LocalSystem.VISIBLE_AT_START + faults.step);
        // Not JSON at all, and JSON whose symbol no consumer accepts; on the series' partition (its key), before its
        // next bar.
        List<String> poison = List.of("{not json",
                "{\"eventId\":\"" + series + ":poison\",\"schemaVersion\":1,\"marketType\":\"spot\",\"symbol\":\"plant a\","
                        + "\"interval\":\"1h\",\"kline\":{\"openTime\":\"" + next + "\",\"closeTime\":\""
                        + next.plusMillis(3_599_999) + "\",\"open\":\"1\",\"high\":\"1\",\"low\":\"1\",\"close\":\"1\","
                        + "\"volume\":\"1\",\"tradeCount\":0},\"publishedAt\":\"" + Instant.now() + "\"}");
        Set<Integer> partitions = new TreeSet<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (String record : poison) {
                partitions.add(producer.send(new ProducerRecord<>(LocalSystem.KLINE_CLOSED, series, record)).get().partition());
            }
        }
        system.nextBar();
        faults.step++;
        faults.awaitRecovered(System.nanoTime());
        Map<String, Double> after = rejected(consumers);
        Map<String, Long> loggedAfter = droppedLogLines(consumers);
        String processed = faults.count("SELECT count(*) FROM detection.series_state WHERE market_type = 'spot' AND symbol ="
                + " 'PLANTAUSDT' AND kline_interval = '1h' AND last_open_time = '" + next + "'") == 1 ? "processed" : "NOT processed";
        String priced = faults.count("SELECT count(*) FROM monitor_api.series_price WHERE market_type = 'spot' AND symbol ="
                + " 'PLANTAUSDT' AND bar_interval = '1h' AND open_time = '" + next + "'") == 1 ? "projected" : "NOT projected";
        faults.scenario("2 poison kline-closed records (not JSON; JSON with an invalid symbol) on " + series + "'s partition "
                + partitions + ", then its next bar: counted " + counted(before, after) + ", logged " + counted(logged,
                loggedAfter) + "; the bar behind them " + processed + " by detection-service and " + priced
                + " by monitor-api-service", System.nanoTime(), null, "");
        for (ServiceProcess consumer : consumers) {
            String name = consumer.name();
            assertThat(after.get(name + " unreadable") - before.get(name + " unreadable")).as(name + " unreadable").isEqualTo(1.0);
            assertThat(after.get(name + " invalid") - before.get(name + " invalid")).as(name + " invalid").isEqualTo(1.0);
            assertThat(loggedAfter.get(name) - logged.get(name)).as(name + " log lines").isEqualTo(2);
        }
        assertThat(processed + " " + priced).isEqualTo("processed projected");
    }

    @Test
    @Order(11)
    void theRestOfTheReplayAfterAllFaults() throws Exception {
        faults.playUntil(LocalSystem.VISIBLE_AT_START + LocalSystem.STEPS - 2);
        faults.scenario("the rest of the replay after all faults", System.nanoTime(), null, "");
    }

    /** Stops PostgreSQL (its data kept); returns when. */
    private static long stopPostgres() {
        system.postgres.close();
        return System.nanoTime();
    }

    /** Starts PostgreSQL again on its data and port, {@link #POSTGRES_OUTAGE} after it stopped; returns when. */
    private static long restartPostgres(long stopped) throws InterruptedException {
        int port = system.postgres.port(); // the embedded server keeps its port after it stopped
        sleepUntil(stopped, POSTGRES_OUTAGE);
        long back = System.nanoTime();
        system.postgres = PostgresServer.start(WORK.resolve("postgres"), port, true);
        return back;
    }

    private static void sleepUntil(long since, Duration outage) throws InterruptedException {
        Thread.sleep(Math.max(0, (outage.toNanos() - (System.nanoTime() - since)) / 1_000_000));
    }

    /** A storage failure answered as such: 503 with a JSON {@code error} naming it, no stack trace. */
    private static void assertStorageFailure(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as("status of an update the database failed").isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(LocalSystem.json(answer.body()).path("error").asText()).startsWith("storage failed: ");
        assertThat(answer.body()).doesNotContain("\tat ");
    }

    /** Per consumer and reason, its count of rejected kline-closed records. */
    private static Map<String, Double> rejected(List<ServiceProcess> consumers) throws Exception {
        Map<String, Double> counts = new TreeMap<>();
        for (ServiceProcess consumer : consumers) {
            for (String reason : List.of("unreadable", "invalid")) {
                counts.put(consumer.name() + " " + reason, FaultHarness.rejectedKlineClosed(consumer, reason));
            }
        }
        return counts;
    }

    /** Per consumer, the lines of its log saying it dropped a KlineClosed record. */
    private static Map<String, Long> droppedLogLines(List<ServiceProcess> consumers) throws IOException {
        Map<String, Long> lines = new TreeMap<>();
        for (ServiceProcess consumer : consumers) {
            try (var log = Files.lines(system.work.resolve("logs").resolve(consumer.name() + ".log"))) {
                lines.put(consumer.name(), log.filter(l -> l.contains("dropping unreadable KlineClosed record")
                        || l.contains("dropping KlineClosed record")).count());
            }
        }
        return lines;
    }

    private static <N extends Number> String counted(Map<String, N> before, Map<String, N> after) {
        List<String> increases = new ArrayList<>();
        after.forEach((what, n) -> increases.add(what + " +" + (n.longValue() - before.get(what).longValue())));
        return String.join(", ", increases);
    }

}
