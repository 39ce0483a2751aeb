package io.trapwatch.marketdata.service;

import java.sql.SQLException;
import java.util.Optional;

/**
 * This service's database failed an update: unreachable, or refusing the write (disk full, a constraint). Unlike an
 * exchange failure it is no one symbol's problem, so the update stops and answers 503 naming the database's error;
 * what was committed before stays (each series' bars and their outbox rows are one transaction), the next update
 * fetches the rest. The answer waits for the update's other stores in flight to end (they commit or fail), so a
 * client that retries after the 503 never races a late write of the failed update.
 */
public class StorageFailedException extends RuntimeException {

    private StorageFailedException(SQLException database, RuntimeException failure) {
        super("storage failed: " + database.getMessage().lines().findFirst().orElse(""), failure);
    }

    /** {@code failure} as a storage failure when a database error caused it, else {@code failure} itself. */
    static RuntimeException from(RuntimeException failure) {
        if (failure instanceof StorageFailedException) {
            return failure;
        }
        return databaseCause(failure).<RuntimeException>map(sql -> new StorageFailedException(sql, failure)).orElse(failure);
    }

    static Optional<SQLException> databaseCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }
}
