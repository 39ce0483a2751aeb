package io.trapwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trapwatch.infra.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
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
    void marketDataKilledDuringAnUpdate() throws Exception {
        faults.playUntil(PlantedSeries.PUMP + 2);
        system.advanceClock(1);
        CompletableFuture<JsonNode> update = CompletableFuture.supplyAsync(() -> {
            try {
                return system.update("spot", "1h", "");
            } catch (Exception cutOff) {
                return null;
            }
        });
        Thread.sleep(40);
        long fault = System.nanoTime();
        system.marketData.kill();
        boolean answered = update.join() != null;
        system.marketData.start();
        String ready = faults.readyAfter(fault);
        system.restoreClock();
        system.updateLive(); // the next CronJob run
        faults.step++;
        faults.scenario("SIGKILL of market-data-service during a 1h update (" + (answered ? "after it answered, outbox draining"
                : "before it answered") + "), restart, update again", fault, "the kill", ready);
    }

    @Test
    @Order(3)
    void kafkaBrokerStopped30SecondsDuringDetection() throws Exception {
        faults.playUntil(PlantedSeries.PUMP + 4);
        long stopped = System.nanoTime();
        system.kafka.stopBroker();
        boolean readinessDown = faults.awaitReadiness(false, Duration.ofSeconds(25));
        // The next hourly update while the broker is away, as the CronJob would call it: bars are stored, their events
        // wait in the outbox.
        long updateStarted = System.nanoTime();
        CompletableFuture<Long> update = CompletableFuture.supplyAsync(() -> {
            try {
                system.nextBar();
                return System.nanoTime();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(Math.max(0, (Duration.ofSeconds(30).toNanos() - (System.nanoTime() - stopped)) / 1_000_000));
        long fault = System.nanoTime();
        system.kafka.startBroker();
        double updateSeconds = (update.join() - updateStarted) / 1e9;
        faults.step++;
        faults.scenario(String.format("Kafka broker stopped %.0f s during detection, an update during the outage (it answered"
                + " after %.1f s; readiness %s)", (fault - stopped) / 1e9, updateSeconds, readinessDown ? "went down" : "stayed up"),
                fault, "the broker came back", "");
    }

    @Test
    @Order(4)
    void postgresRestartedDuringDetection() throws Exception {
        faults.playUntil(PlantedSeries.PUMP + 12);
        int port = system.postgres.port();
        system.postgres.close();
        long stopped = System.nanoTime();
        boolean readinessDown = faults.awaitReadiness(false, Duration.ofSeconds(30));
        long remaining = Duration.ofSeconds(10).toNanos() - (System.nanoTime() - stopped);
        Thread.sleep(Math.max(0, remaining / 1_000_000));
        long fault = System.nanoTime();
        system.postgres = PostgresServer.start(WORK.resolve("postgres"), port, true);
        faults.scenario(String.format("PostgreSQL stopped %.0f s during detection, restarted (readiness %s)", (fault - stopped) / 1e9,
                readinessDown ? "went down" : "stayed up"), fault, "PostgreSQL came back", "");
        assertThat(readinessDown).as("readiness went down without PostgreSQL").isTrue();
    }

    @Test
    @Order(5)
    void theRestOfTheReplayAfterAllFaults() throws Exception {
        faults.playUntil(LocalSystem.VISIBLE_AT_START + LocalSystem.STEPS - 2);
        faults.scenario("the rest of the replay after all faults", System.nanoTime(), null, "");
    }

}
