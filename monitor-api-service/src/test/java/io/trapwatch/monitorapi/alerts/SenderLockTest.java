package io.trapwatch.monitorapi.alerts;

import io.trapwatch.infra.PostgresServer;
import io.trapwatch.monitorapi.repository.SenderLock;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two instances' sender locks over one real PostgreSQL: one sends at a time, the other takes over when it goes. */
class SenderLockTest {

    @Test
    void oneHolderAtATimeAndATakeOverWhenItsSessionEnds() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "sender-lock-test"));
        try (PostgresServer pg = PostgresServer.start(work.resolve("pg"), 0, false)) {
            String url = pg.jdbcUrl("postgres");
            SenderLock first = new SenderLock(url, pg.username(), pg.password());
            SenderLock second = new SenderLock(url, pg.username(), pg.password());

            assertThat(first.held()).isTrue();
            assertThat(second.held()).isFalse();
            assertThat(first.held()).as("still held on the next round").isTrue();

            first.release(); // a clean shutdown; the server ends the session (and frees the lock) just after
            await().atMost(Duration.ofSeconds(10)).until(second::held);
            assertThat(first.held()).isFalse();

            // The holder's session dies (its process or node is gone): the lock goes with it.
            try (Connection admin = DriverManager.getConnection(url, pg.username(), pg.password())) {
                admin.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'");
            }
            assertThat(second.held()).as("the holder notices it lost the lock").isFalse();
            await().atMost(Duration.ofSeconds(10)).until(first::held);
            assertThat(second.held()).isFalse();
            first.release();
            second.release();
        }
    }
}
