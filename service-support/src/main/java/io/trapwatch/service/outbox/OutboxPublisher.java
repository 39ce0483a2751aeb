package io.trapwatch.service.outbox;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Idempotent Kafka producer (acks=all, idempotence on): a retried send is never written twice and the records of
 * one key keep their order. Each record carries its event id in an {@code event-id} header.
 */
public class OutboxPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);

    private final KafkaProducer<String, String> producer;

    /** {@code maxBlock}: how long a send may wait for broker metadata before the outage is reported. */
    public OutboxPublisher(String bootstrapServers, String clientId, Duration maxBlock) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, maxBlock.toMillis()));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(2000, maxBlock.toMillis() * 2 + 5));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /**
     * Sends {@code records} in order and waits up to {@code ackTimeout} for the acknowledgements.
     *
     * @return the length of the longest prefix of {@code records} the broker acknowledged
     */
    public int publish(List<OutboxRecord> records, Duration ackTimeout) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            for (OutboxRecord r : records) {
                ProducerRecord<String, String> record = new ProducerRecord<>(r.topic(), r.key(), r.payload());
                record.headers().add(new RecordHeader("event-id", r.eventId().getBytes(StandardCharsets.UTF_8)));
                Future<RecordMetadata> ack = producer.send(record);
                acks.add(ack);
                if (ack.isDone() && failed(ack)) {
                    // e.g. no metadata within max.block.ms: the broker is unreachable, later sends would only wait too
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("sending outbox events stopped after %d of %d: %s", acks.size(), records.size(), e.getMessage());
        }
        producer.flush();
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("event %s not acknowledged: %s", records.get(i).eventId(), e.getMessage());
                return i;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return i;
            }
        }
        return acks.size();
    }

    private static boolean failed(Future<RecordMetadata> ack) {
        try {
            ack.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
