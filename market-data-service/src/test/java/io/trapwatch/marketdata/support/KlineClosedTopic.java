package io.trapwatch.marketdata.support;

import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the kline-closed topic on the real broker from a marked position, as a consumer would. */
public final class KlineClosedTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions;

    public KlineClosedTopic() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
        List<PartitionInfo> infos = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((infos == null || infos.isEmpty()) && System.nanoTime() < deadline) {
            infos = consumer.partitionsFor(Topics.KLINE_CLOSED, Duration.ofSeconds(5));
        }
        partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // materialise the "end" before anything new arrives
    }

    /** Everything published since this reader was created (or last drained), waiting until {@code expected} arrived. */
    public List<ConsumerRecord<String, String>> read(int expected, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < expected && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        // a short extra poll so that surplus (duplicate) records would be seen too
        long quiet = System.nanoTime() + Duration.ofMillis(500).toNanos();
        while (System.nanoTime() < quiet) {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        return records;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
