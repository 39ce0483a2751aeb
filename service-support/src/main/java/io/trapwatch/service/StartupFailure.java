package io.trapwatch.service;

import org.eclipse.microprofile.config.ConfigProvider;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Exit handler for {@code Quarkus.run}. With a custom handler Quarkus does not log why start-up failed, so this
 * reports every failure on standard error before exiting non-zero instead of hanging: a database that cannot
 * be reached names the JDBC URL it tried (the Flyway/driver message only names host and port), a schema whose
 * applied migrations no longer match the service's says how to start afresh, anything else is printed whole.
 */
public final class StartupFailure {

    private StartupFailure() {
    }

    public static void exit(int exitCode, Throwable failure) {
        if (failure != null) {
            System.err.println(report(failure, StartupFailure::jdbcUrl));
        }
        System.exit(failure != null && exitCode == 0 ? 1 : exitCode);
    }

    /** What is printed for a failed start-up; the JDBC URL is asked for only when the database is the cause. */
    static String report(Throwable failure, Supplier<String> jdbcUrl) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String root = rootMessage(failure);
        if (root != null && root.contains("checksum mismatch")) {
            return "FATAL: the database schema was made by another build of this service: point TRAPWATCH_JDBC_URL at a"
                    + " new database, or for the local run stop it (deploy/local/stop.sh) and delete .trapwatch/ to start afresh.\n"
                    + root.strip() + "\n" + trace;
        }
        if (causedBy(failure, SQLException.class)) {
            return "FATAL: cannot use the database at " + jdbcUrl.get()
                    + " (set TRAPWATCH_JDBC_URL, TRAPWATCH_JDBC_USER, TRAPWATCH_JDBC_PASSWORD): " + root + "\n" + trace;
        }
        // Quarkus wraps the real failure once ("Failed to start quarkus"); its message usually names the setting.
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return "FATAL: start-up failed: " + (cause.getMessage() != null ? cause.getMessage() : root) + "\n" + trace;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getName();
    }

    private static String jdbcUrl() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class).orElse("<not configured>");
    }
}
