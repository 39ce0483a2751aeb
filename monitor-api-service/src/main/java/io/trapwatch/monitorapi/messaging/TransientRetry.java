package io.trapwatch.monitorapi.messaging;

import io.trapwatch.monitorapi.config.ProjectionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.sql.SQLException;

/**
 * A batch that fails to commit is retried with a growing pause. While the database is unreachable (a connection that
 * cannot be made or was cut, the pool finding none, the server shutting down or starting) it is retried for as long
 * as that lasts, the pause capped at {@link #MAX_PAUSE_MS}: the projection resumes by itself once PostgreSQL is back,
 * with the batch's offsets still uncommitted. Any other failure gets {@code attempts}; when they run out the exception
 * propagates: the channel fails, readiness turns DOWN, and after a restart the batch is consumed again from the last
 * committed offset, so nothing is skipped silently.
 */
@ApplicationScoped
public class TransientRetry {

    private static final Logger LOG = Logger.getLogger(TransientRetry.class);
    static final long MAX_PAUSE_MS = 5_000;

    private final int attempts;

    @Inject
    public TransientRetry(ProjectionConfig config) {
        this(config.attempts());
    }

    TransientRetry(int attempts) {
        this.attempts = attempts;
    }

    public interface Work {
        void run() throws Exception;
    }

    public void run(String what, Work work) {
        for (int attempt = 1; ; attempt++) {
            try {
                work.run();
                return;
            } catch (Exception e) {
                boolean unreachable = databaseUnreachable(e);
                if (!unreachable && attempt >= attempts) {
                    throw new IllegalStateException(what + " failed " + attempts + " times", e);
                }
                LOG.warnf("%s failed (attempt %d%s), retrying: %s", what, attempt,
                        unreachable ? ", database unreachable: retried until it is back" : " of " + attempts, e.getMessage());
                try {
                    Thread.sleep(Math.min(MAX_PAUSE_MS, 200L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(what + " interrupted", interrupted);
                }
            }
        }
    }

    /**
     * Whether the failure says the database cannot be reached rather than that this batch is wrong: SQLSTATE class
     * 08 (connection exception), 57P01–57P03 (server shutting down, crashed, not accepting connections yet), the
     * pool's acquisition timeout, or a refused connection, anywhere in the cause chain.
     */
    static boolean databaseUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.matches("57P0[123]"))) {
                    return true;
                }
                if (sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }
}
