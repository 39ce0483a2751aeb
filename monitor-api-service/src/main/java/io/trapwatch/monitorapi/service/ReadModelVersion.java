package io.trapwatch.monitorapi.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trapwatch.monitorapi.config.ReadCacheConfig;
import io.trapwatch.monitorapi.repository.ReadModelVersionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This instance's copy of the read model's version (the {@code read_model_version} row), which keys the response
 * cache and the ETags. A projection raises the row in its own transaction and, once that commits, the copy at once:
 * a read that follows a commit of this instance never gets an answer cached before it. Commits of other instances
 * are learnt by reading the row every {@code version-poll-interval}. The copy only moves forward, and it is taken
 * before a read's queries, so an answer is always at least as new as the version it is kept under.
 */
@ApplicationScoped
public class ReadModelVersion {

    private static final Logger LOG = Logger.getLogger(ReadModelVersion.class);

    private final ReadModelVersionRepository repository;
    private final TransactionSynchronizationRegistry transactions;
    private final ReadCacheConfig config;
    private final AtomicLong current = new AtomicLong(-1);
    private ScheduledExecutorService poller;

    public ReadModelVersion(ReadModelVersionRepository repository, TransactionSynchronizationRegistry transactions,
                            ReadCacheConfig config) {
        this.repository = repository;
        this.transactions = transactions;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        poll();
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "read-model-version");
            t.setDaemon(true);
            return t;
        });
        long every = config.versionPollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        poller.shutdownNow();
    }

    /** The newest version this instance knows of; -1 before the first read of the row (nothing is cached then). */
    public long current() {
        return current.get();
    }

    /**
     * Raises the version as part of the caller's transaction (call it as the projection's last statement: the row
     * stays locked until the commit); this instance moves to it once the transaction committed.
     */
    public void raiseInTransaction() throws SQLException {
        long raised = repository.raise();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    advance(raised);
                }
            }
        });
    }

    /**
     * Reads the committed version now. The live feed calls it after reading changes and before sending them, so a
     * client that reloads on a live event is answered at least at that change, whichever instance projected it.
     */
    public void refresh() throws SQLException {
        advance(repository.committed());
    }

    private void poll() {
        try {
            refresh();
        } catch (SQLException | RuntimeException e) {
            // Cached answers stay keyed by the last version known; the next poll tries again.
            LOG.debugf("read model version not read this time: %s", e.getMessage());
        }
    }

    private void advance(long version) {
        current.accumulateAndGet(version, Math::max);
    }
}
