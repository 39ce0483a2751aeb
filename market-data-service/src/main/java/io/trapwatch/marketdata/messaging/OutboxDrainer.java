package io.trapwatch.marketdata.messaging;

import io.agroal.api.AgroalDataSource;
import io.trapwatch.marketdata.repository.OutboxEntry;
import io.trapwatch.marketdata.repository.OutboxRepository;
import io.trapwatch.model.KlineClosed;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Publishes the outbox in id order. A batch is read, sent, and only the events the broker acknowledged
 * are deleted, in the same database transaction that holds the cluster-wide drain lock. A broker outage
 * leaves the rows where they are for the next drain; a crash after the acknowledgement but before the
 * delete can repeat events, which consumers drop by their deterministic event id.
 */
public class OutboxDrainer {

    private static final Logger LOG = Logger.getLogger(OutboxDrainer.class);

    private final AgroalDataSource dataSource;
    private final KlineEventPublisher publisher;
    private final int batchSize;
    private final Duration ackTimeout;

    public OutboxDrainer(AgroalDataSource dataSource, KlineEventPublisher publisher, int batchSize, Duration ackTimeout) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.batchSize = batchSize;
        this.ackTimeout = ackTimeout;
    }

    /** Outcome of one drain: events published, and whether the outbox was left empty. */
    public record Result(long published, boolean complete, String error) {
    }

    /** Publishes batches until the outbox is empty, the broker stops acknowledging, or another drainer holds the lock. */
    public synchronized Result drain() {
        long published = 0;
        while (true) {
            Batch batch;
            try {
                batch = drainOneBatch();
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("outbox drain failed after %d events: %s", published, e.getMessage());
                return new Result(published, false, e.getMessage());
            }
            published += batch.published;
            if (batch.error != null) {
                return new Result(published, false, batch.error);
            }
            if (batch.read < batchSize) {
                return new Result(published, batch.read >= 0, null);
            }
        }
    }

    /** read = -1 when another drainer holds the lock. */
    private record Batch(int read, int published, String error) {
    }

    private Batch drainOneBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!OutboxRepository.tryDrainLock(c)) {
                    c.rollback();
                    return new Batch(-1, 0, null);
                }
                List<OutboxEntry> entries = OutboxRepository.oldest(c, batchSize);
                if (entries.isEmpty()) {
                    c.commit();
                    return new Batch(0, 0, null);
                }
                Instant now = Instant.now();
                List<KlineClosed> events = entries.stream().map(e -> KlineClosed.of(e.series(), e.kline(), now)).toList();
                int acknowledged = publisher.publish(events, ackTimeout);
                if (acknowledged > 0) {
                    OutboxRepository.delete(c, entries.subList(0, acknowledged).stream().map(OutboxEntry::id).toList());
                }
                c.commit();
                String error = acknowledged < entries.size()
                        ? "broker acknowledged " + acknowledged + " of " + entries.size() + " events; the rest stay queued"
                        : null;
                return new Batch(entries.size(), acknowledged, error);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
