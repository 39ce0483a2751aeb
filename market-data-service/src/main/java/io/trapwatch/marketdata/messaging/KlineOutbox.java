package io.trapwatch.marketdata.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.trapwatch.marketdata.config.MarketDataConfig;
import io.trapwatch.marketdata.repository.OutboxRepository;
import io.trapwatch.service.outbox.OutboxDrainer;
import io.trapwatch.service.outbox.OutboxPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * The service's kline-closed outbox on the shared {@link OutboxDrainer}: drained right after every update and, so
 * that nothing waits for the next update after a broker outage, on a fixed schedule.
 */
@ApplicationScoped
public class KlineOutbox {

    private final AgroalDataSource dataSource;
    private final MarketDataConfig config;
    private final ObjectMapper mapper;
    private final String bootstrapServers;
    private OutboxDrainer drainer;

    public KlineOutbox(AgroalDataSource dataSource, MarketDataConfig config, ObjectMapper mapper,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.dataSource = dataSource;
        this.config = config;
        this.mapper = mapper;
        this.bootstrapServers = bootstrapServers;
    }

    /** A drainer of this outbox publishing to {@code bootstrapServers} (tests stage an outage with an unreachable one). */
    public OutboxDrainer drainerTo(String bootstrapServers, Duration maxBlock) {
        return new OutboxDrainer(dataSource, new KlineOutboxTable(mapper),
                new OutboxPublisher(bootstrapServers, "market-data-service-kline-closed", maxBlock),
                config.outbox().batchSize(), config.outbox().ackTimeout());
    }

    private synchronized OutboxDrainer drainer() {
        if (drainer == null) {
            drainer = drainerTo(bootstrapServers, Duration.ofSeconds(10));
        }
        return drainer;
    }

    public OutboxDrainer.Result drain() {
        return drainer().drain();
    }

    @Scheduled(every = "${trapwatch.market-data.outbox.drain-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drainOnSchedule() {
        drain();
    }

    /** Events still queued: all of them, or those created by one update run. */
    public long pending(UUID updateRun) {
        try (Connection c = dataSource.getConnection()) {
            return OutboxRepository.pending(c, updateRun);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (drainer != null) {
            drainer.close();
        }
    }
}
