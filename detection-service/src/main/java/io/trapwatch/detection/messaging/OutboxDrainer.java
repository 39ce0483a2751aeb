package io.trapwatch.detection.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.trapwatch.detection.config.DetectionConfig;
import io.trapwatch.detection.repository.OutboxEntry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the outbox in id order and deletes what the broker acknowledged, inside a transaction holding a
 * cluster-wide advisory lock (one drainer at a time keeps per-key order). A broker outage leaves the rows in
 * place for the next round, so no transition is lost. A crash between acknowledgement and delete can repeat
 * an event; its id is deterministic (monitor key + version), so consumers drop the repeat.
 */
@ApplicationScoped
public class OutboxDrainer {

    private static final Logger LOG = Logger.getLogger(OutboxDrainer.class);

    @Inject
    DetectionConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final AtomicBoolean nudged = new AtomicBoolean();
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-drainer");
        t.setDaemon(true);
        return t;
    });
    private MonitorEventPublisher publisher;

    /** Called after a commit that wrote events: drain soon, on the drainer's own thread. */
    public void nudge() {
        if (nudged.compareAndSet(false, true)) {
            nudges.submit(() -> {
                nudged.set(false);
                drain();
            });
        }
    }

    @Scheduled(every = "${trapwatch.detection.outbox.drain-every:200ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledDrain() {
        drain();
    }

    /** Publishes until the outbox is empty or the broker stops acknowledging; returns the events published. */
    public synchronized long drain() {
        long published = 0;
        try {
            while (true) {
                int[] batch = QuarkusTransaction.requiringNew().call(this::drainBatch);
                published += batch[1];
                if (batch[0] < config.outbox().batchSize() || batch[1] < batch[0]) {
                    return published;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("outbox drain stopped after %d events: %s", published, e.getMessage());
            return published;
        }
    }

    /** {read, published}; read is 0 when another instance holds the drain lock. */
    private int[] drainBatch() {
        if (!OutboxEntry.tryDrainLock()) {
            return new int[] {0, 0};
        }
        List<OutboxEntry> entries = OutboxEntry.oldest(config.outbox().batchSize());
        if (entries.isEmpty()) {
            return new int[] {0, 0};
        }
        int acknowledged = publisher().publish(entries, config.outbox().ackTimeout());
        if (acknowledged > 0) {
            OutboxEntry.delete("id in ?1", entries.subList(0, acknowledged).stream().map(e -> e.id).toList());
        }
        return new int[] {entries.size(), acknowledged};
    }

    private MonitorEventPublisher publisher() {
        if (publisher == null) {
            publisher = new MonitorEventPublisher(bootstrapServers, config.outbox().ackTimeout());
        }
        return publisher;
    }

    @PreDestroy
    void close() {
        nudges.shutdownNow();
        synchronized (this) {
            if (publisher != null) {
                publisher.close();
            }
        }
    }
}
