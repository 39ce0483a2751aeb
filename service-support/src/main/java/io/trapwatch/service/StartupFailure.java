package io.trapwatch.service;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.SQLException;

/**
 * Exit handler for {@code Quarkus.run}: when start-up fails because the database cannot be reached, it says which
 * JDBC URL it tried (the Flyway/driver message only names host and port) and exits non-zero instead of hanging.
 */
public final class StartupFailure {

    private StartupFailure() {
    }

    public static void exit(int exitCode, Throwable failure) {
        if (failure != null && causedBy(failure, SQLException.class)) {
            System.err.println("FATAL: cannot use the database at " + jdbcUrl()
                    + " (set TRAPWATCH_JDBC_URL, TRAPWATCH_JDBC_USER, TRAPWATCH_JDBC_PASSWORD): " + rootMessage(failure));
        }
        System.exit(failure != null && exitCode == 0 ? 1 : exitCode);
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
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String jdbcUrl() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class).orElse("<not configured>");
    }
}
