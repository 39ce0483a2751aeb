package io.trapwatch.service;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class StartupFailureTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:15999/trapwatch";

    @Test
    void anUnreachableDatabaseNamesTheJdbcUrl() {
        Throwable failure = new RuntimeException("Failed to start quarkus",
                new SQLException("Connection to 127.0.0.1:15999 refused", new ConnectException("Connection refused")));

        assertThat(StartupFailure.report(failure, () -> URL)).startsWith("FATAL: cannot use the database at " + URL
                + " (set TRAPWATCH_JDBC_URL, TRAPWATCH_JDBC_USER, TRAPWATCH_JDBC_PASSWORD): Connection refused\n");
    }

    @Test
    void aChangedMigrationSaysHowToStartAfresh() {
        Throwable failure = new RuntimeException("Failed to start quarkus", new IllegalStateException(
                "Validate failed: Migrations have failed validation\nMigration checksum mismatch for migration version 1"));

        String report = StartupFailure.report(failure, () -> {
            throw new AssertionError("the JDBC URL is not part of this report");
        });

        assertThat(report).startsWith("FATAL: the database schema was made by another build of this service")
                .contains("delete .trapwatch/ to start afresh", "Migration checksum mismatch for migration version 1");
    }

    @Test
    void anyOtherFailureIsPrintedWithItsCauseAndTrace() {
        Throwable failure = new RuntimeException("Failed to start quarkus", new IllegalStateException(
                "invalid configuration trapwatch.detection.rvol-threshold (environment TRAPWATCH_DETECTION_RVOL_THRESHOLD):"
                        + " rvol_threshold must be > 0, got -3",
                new IllegalArgumentException("rvol_threshold must be > 0, got -3")));

        String report = StartupFailure.report(failure, () -> URL);

        assertThat(report).startsWith("FATAL: start-up failed: invalid configuration trapwatch.detection.rvol-threshold"
                + " (environment TRAPWATCH_DETECTION_RVOL_THRESHOLD): rvol_threshold must be > 0, got -3\n")
                .contains("java.lang.RuntimeException: Failed to start quarkus", "Caused by: java.lang.IllegalStateException");
    }
}
