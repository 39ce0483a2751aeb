package io.trapwatch.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Quarkus test resource: a real PostgreSQL for the service under test. One server per test JVM,
 * one database per service, files under the module's {@code target/}. {@code TRAPWATCH_TEST_JDBC_URL} (+ {@code _USER}, {@code _PASSWORD})
 * points the tests at an existing server instead.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static PostgresServer server;

    @Override
    public Map<String, String> start() {
        String external = System.getenv("TRAPWATCH_TEST_JDBC_URL");
        if (external != null && !external.isBlank()) {
            return Map.of(
                    "quarkus.datasource.jdbc.url", external,
                    "quarkus.datasource.username", System.getenv().getOrDefault("TRAPWATCH_TEST_JDBC_USER", "postgres"),
                    "quarkus.datasource.password", System.getenv().getOrDefault("TRAPWATCH_TEST_JDBC_PASSWORD", "postgres"));
        }
        PostgresServer pg = shared();
        String database = "trapwatch";
        pg.createDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(database),
                "quarkus.datasource.username", pg.username(),
                "quarkus.datasource.password", pg.password());
    }

    /** The server of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "postgres-");
                // zonky's own shutdown hook stops the server process when the test JVM exits.
                server = PostgresServer.start(dir, 0, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    @Override
    public void stop() {
        // Shared across the test classes of this JVM; the shutdown hook stops it.
    }
}
