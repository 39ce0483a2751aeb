package io.trapwatch.detection.messaging;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.trapwatch.detection.config.DetectionConfig;
import io.trapwatch.detection.repository.MonitorOutboxTable;
import io.trapwatch.service.outbox.OutboxDrainer;
import io.trapwatch.service.outbox.OutboxPublisher;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The monitor-state-changed outbox on the shared {@link OutboxDrainer}: drained when a commit that wrote events
 * nudges it and, so that nothing waits after a broker outage, on a schedule.
 */
@ApplicationScoped
public class MonitorEventOutbox {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DetectionConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private OutboxDrainer drainer;

    @PostConstruct
    void start() {
        drainer = drainerTo(bootstrapServers);
    }

    /**
     * A drainer of this outbox publishing to {@code bootstrapServers} (tests stage an outage with an unreachable
     * one).
     */
    public OutboxDrainer drainerTo(String bootstrapServers) {
        return new OutboxDrainer(dataSource, new MonitorOutboxTable(),
                new OutboxPublisher(bootstrapServers, "detection-service-monitor-events", config.outbox().ackTimeout()),
                config.outbox().batchSize(), config.outbox().ackTimeout());
    }

    /** The service layer wakes the drainer after a commit through this, without depending on messaging. */
    @Produces
    OutboxDrainer drainer() {
        return drainer;
    }

    @Scheduled(every = "${trapwatch.detection.outbox.drain-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledDrain() {
        drainer.drain();
    }

    @PreDestroy
    void close() {
        drainer.close();
    }
}
