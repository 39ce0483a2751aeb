package io.trapwatch.monitorapi.messaging;

import io.trapwatch.monitorapi.config.ProjectionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * A batch that fails to commit (database briefly unreachable, lock timeout) is retried with a growing pause. When the
 * attempts run out the exception propagates: the channel fails, readiness turns DOWN, and after a restart the batch is
 * consumed again from the last committed offset, so nothing is skipped silently.
 */
@ApplicationScoped
public class TransientRetry {

    private static final Logger LOG = Logger.getLogger(TransientRetry.class);

    private final int attempts;

    public TransientRetry(ProjectionConfig config) {
        this.attempts = config.attempts();
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
                if (attempt >= attempts) {
                    throw new IllegalStateException(what + " failed " + attempts + " times", e);
                }
                LOG.warnf("%s failed (attempt %d of %d), retrying: %s", what, attempt, attempts, e.getMessage());
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(what + " interrupted", interrupted);
                }
            }
        }
    }
}
