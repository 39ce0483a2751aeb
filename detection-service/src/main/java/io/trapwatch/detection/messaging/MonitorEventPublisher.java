package io.trapwatch.detection.messaging;

import io.trapwatch.detection.repository.OutboxEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Idempotent producer (acks=all, idempotence on): broker-side retries never duplicate a record and the
 * records of one key keep their order.
 */
class MonitorEventPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MonitorEventPublisher.class);

    private final KafkaProducer<String, String> producer;

    MonitorEventPublisher(String bootstrapServers, Duration ackTimeout) {
        int timeoutMs = (int) Math.max(1000, ackTimeout.toMillis());
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + 10,
                ProducerConfig.CLIENT_ID_CONFIG, "detection-service-monitor-events"),
                new StringSerializer(), new StringSerializer());
    }

    /** Sends the entries in order and returns how many, from the first, the broker acknowledged. */
    int publish(List<OutboxEntry> entries, Duration ackTimeout) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(entries.size());
        try {
            for (OutboxEntry e : entries) {
                ProducerRecord<String, String> record = new ProducerRecord<>(e.topic, e.messageKey, e.payload);
                record.headers().add(new RecordHeader("event-id", e.eventId.getBytes(StandardCharsets.UTF_8)));
                acks.add(producer.send(record));
            }
        } catch (RuntimeException ex) {
            LOG.warnf("sending monitor events stopped after %d of %d: %s", acks.size(), entries.size(), ex.getMessage());
        }
        producer.flush();
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException ex) {
                LOG.warnf("monitor event %s not acknowledged: %s", entries.get(i).eventId, ex.getMessage());
                return i;
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return i;
            }
        }
        return acks.size();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
