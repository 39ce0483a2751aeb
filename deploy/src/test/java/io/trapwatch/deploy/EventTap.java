package io.trapwatch.deploy;

import io.trapwatch.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The benchmarks' own reader of the bar and transition topics: no group, every partition assigned, short fetch waits. */
final class EventTap {

    private EventTap() {
    }

    /** A consumer assigned every partition of kline-closed and monitor-state-changed; the caller chooses where to start. */
    static KafkaConsumer<String, String> assigned(String bootstrap) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (partitions.isEmpty() && System.nanoTime() < deadline) {
            for (String topic : List.of(Topics.MONITOR_STATE_CHANGED, Topics.KLINE_CLOSED)) {
                // asking for the partitions creates the topic when nothing was published on it yet
                consumer.partitionsFor(topic, Duration.ofSeconds(5))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        consumer.assign(partitions);
        return consumer;
    }
}
