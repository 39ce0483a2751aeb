package io.trapwatch.detection.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.trapwatch.detection.repository.OutboxEntity;
import io.trapwatch.detection.support.ServiceTest;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.service.outbox.OutboxDrainer;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A transition whose event cannot reach the broker stays in the outbox and is published exactly once later. */
@ServiceTest
@TestProfile(OutboxOutageTest.ManualDrain.class)
class OutboxOutageTest {

    /**
     * A scheduled drain would race the staged outage for the row (an "every" trigger fires once right after
     * start-up), so the scheduler is off and the test drives every drain itself.
     */
    public static class ManualDrain implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("trapwatch.detection.outbox.drain-every", "off");
        }
    }

    @Inject
    MonitorEventOutbox outbox;

    @Inject
    OutboxDrainer drainer;

    @Test
    void eventsWaitInTheOutboxWhileTheBrokerIsUnreachable() {
        String topic = "outage-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> OutboxEntity.of(topic, "spot:OUTAGEUSDT:1h", topic + "#1",
                "{\"eventId\":\"" + topic + "#1\"}", Instant.now()).persist());

        try (OutboxDrainer duringOutage = outbox.drainerTo("127.0.0.1:1")) {
            assertThat(duringOutage.drain().published()).isZero();
        }
        assertThat(pending(topic)).isEqualTo(1);

        assertThat(drainer.drain().published()).isGreaterThanOrEqualTo(1);
        assertThat(pending(topic)).isZero();
        assertThat(drainer.drain().published()).isZero();
        assertThat(read(topic)).containsExactly(topic + "#1");
    }

    private static long pending(String topic) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEntity.count("topic", topic));
    }

    private static List<String> read(String topic) {
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int idlePolls = 0;
            while (System.nanoTime() < deadline && (ids.isEmpty() || idlePolls < 4)) {
                var records = consumer.poll(Duration.ofMillis(250));
                idlePolls = records.isEmpty() ? idlePolls + 1 : 0;
                for (ConsumerRecord<String, String> r : records) {
                    ids.add(new String(r.headers().lastHeader("event-id").value()));
                }
            }
        }
        return ids;
    }
}
