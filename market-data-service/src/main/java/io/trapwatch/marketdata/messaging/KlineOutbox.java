package io.trapwatch.marketdata.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.trapwatch.marketdata.config.MarketDataConfig;
import io.trapwatch.service.outbox.OutboxDrainer;
import io.trapwatch.service.outbox.OutboxPublisher;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The kline-closed outbox on the shared {@link OutboxDrainer}: drained by every update right after it stores bars
 * and, so that nothing waits for the next update after a broker outage, on a fixed schedule.
 */
@ApplicationScoped
public class KlineOutbox {

    /** How long a send waits for broker metadata before the drain reports the outage. */
    private static final Duration MAX_BLOCK = Duration.ofSeconds(10);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MarketDataConfig config;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private OutboxDrainer drainer;

    @PostConstruct
    void start() {
        drainer = drainerTo(bootstrapServers, MAX_BLOCK);
    }

    /** A drainer of this outbox publishing to {@code bootstrapServers} (tests stage an outage with an unreachable one). */
    public OutboxDrainer drainerTo(String bootstrapServers, Duration maxBlock) {
        return new OutboxDrainer(dataSource, new KlineOutboxTable(mapper),
                new OutboxPublisher(bootstrapServers, "market-data-service-kline-closed", maxBlock),
                config.outbox().batchSize(), config.outbox().ackTimeout());
    }

    /** The update service drains through this, without depending on messaging. */
    @Produces
    OutboxDrainer drainer() {
        return drainer;
    }

    @Scheduled(every = "${trapwatch.market-data.outbox.drain-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drainOnSchedule() {
        drainer.drain();
    }

    @PreDestroy
    void close() {
        drainer.close();
    }
}
