package io.trapwatch.service.outbox;

import io.micrometer.core.instrument.Metrics;
import org.jboss.logging.Logger;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * The one transactional-outbox drainer: publishes a service's {@link OutboxTable} in id order and deletes exactly the
 * rows the broker acknowledged, in the database transaction that holds a cluster-wide advisory lock, so one drainer at
 * a time keeps each key's order. A broker outage leaves the rows for the next drain; a crash after the
 * acknowledgement but before the delete can repeat events, which consumers drop by their deterministic event id.
 */
public class OutboxDrainer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxDrainer.class);

    private final DataSource dataSource;
    private final OutboxTable table;
    private final OutboxPublisher publisher;
    private final int batchSize;
    private final Duration ackTimeout;
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final ExecutorService nudges;

    public OutboxDrainer(DataSource dataSource, OutboxTable table, OutboxPublisher publisher, int batchSize,
                         Duration ackTimeout) {
        this.dataSource = dataSource;
        this.table = table;
        this.publisher = publisher;
        this.batchSize = batchSize;
        this.ackTimeout = ackTimeout;
        this.nudges = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "outbox-drainer-" + table.qualifiedName());
            t.setDaemon(true);
            return t;
        });
    }

    /** Outcome of one drain: events published, whether the outbox was left empty, and why not. */
    public record Result(long published, boolean complete, String error) {
    }

    /** Called after a commit that wrote events: drain soon, on the drainer's own thread, without waiting for it. */
    public void nudge() {
        if (nudged.compareAndSet(false, true)) {
            nudges.submit(() -> {
                nudged.set(false);
                drain();
            });
        }
    }

    /** Publishes batches until the outbox is empty, the broker stops acknowledging, or another drainer holds the lock. */
    public synchronized Result drain() {
        long published = 0;
        while (true) {
            Batch batch;
            try {
                batch = drainOneBatch();
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("outbox %s: drain failed after %d events: %s", table.qualifiedName(), published, e.getMessage());
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
                if (!tryDrainLock(c)) {
                    c.rollback();
                    return new Batch(-1, 0, null);
                }
                List<OutboxRecord> records = table.oldest(c, batchSize);
                if (records.isEmpty()) {
                    c.commit();
                    return new Batch(0, 0, null);
                }
                int acknowledged = publisher.publish(records, ackTimeout);
                if (acknowledged > 0) {
                    delete(c, records.subList(0, acknowledged).stream().map(OutboxRecord::id).toList());
                }
                c.commit();
                countPublished(records.subList(0, acknowledged));
                String error = acknowledged < records.size()
                        ? "broker acknowledged " + acknowledged + " of " + records.size() + " events; the rest stay queued"
                        : null;
                return new Batch(records.size(), acknowledged, error);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private boolean tryDrainLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, table.qualifiedName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * trapwatch_events_published_total per market and interval (both outboxes are keyed market:symbol:interval),
     * once the deletes committed. Global registry: Quarkus' composite, the one /q/metrics reads.
     */
    private static void countPublished(List<OutboxRecord> published) {
        published.stream().map(r -> r.key().split(":"))
                .collect(Collectors.groupingBy(k -> k[0] + ":" + (k.length > 2 ? k[2] : ""), Collectors.counting()))
                .forEach((series, count) -> Metrics.counter("trapwatch.events.published", "market_type",
                        series.substring(0, series.indexOf(':')), "interval", series.substring(series.indexOf(':') + 1))
                        .increment(count));
    }

    private void delete(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table.qualifiedName() + " WHERE id = ANY(?)")) {
            Array array = c.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            ps.executeUpdate();
            array.free();
        }
    }

    /** Stops nudged drains and closes the producer. */
    @Override
    public void close() {
        nudges.shutdownNow();
        synchronized (this) {
            publisher.close();
        }
    }
}
