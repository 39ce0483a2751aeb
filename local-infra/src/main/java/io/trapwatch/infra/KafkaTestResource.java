package io.trapwatch.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Map;

/**
 * Quarkus test resource: a real KRaft Kafka broker in this JVM, shared by all test classes.
 * {@code TRAPWATCH_TEST_KAFKA_BOOTSTRAP} points the tests at an existing broker instead.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    public static synchronized String bootstrapServers() {
        String external = System.getenv("TRAPWATCH_TEST_KAFKA_BOOTSTRAP");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (broker == null) {
            // Not closed explicitly: the broker lives in this JVM and dies with it; its files stay under target/.
            broker = KafkaBroker.start(4, Path.of("target"));
        }
        return broker.bootstrapServers();
    }

    @Override
    public void stop() {
        // Shared across the test classes of this JVM; the shutdown hook stops it.
    }
}
