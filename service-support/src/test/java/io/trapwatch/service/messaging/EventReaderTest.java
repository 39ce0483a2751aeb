package io.trapwatch.service.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventReaderTest {

    record Ping(String id, int n) {
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventReader<Ping> reader = new EventReader<>(new ObjectMapper(), Ping.class,
            p -> p.n() < 0 ? Optional.of("n must be >= 0") : Optional.empty());

    @BeforeEach
    void register() {
        Metrics.addRegistry(registry);
    }

    @AfterEach
    void unregister() {
        Metrics.removeRegistry(registry);
    }

    @Test
    void poisonAndInvalidRecordsAreDroppedAndCountedWithoutStoppingTheRest() {
        List<Ping> read = reader.readAll(List.of("{\"id\":\"a\",\"n\":1}", "not json at all", "{\"id\":\"b\",\"n\":-1}",
                "{\"id\":\"c\",\"n\":2}", "{\"id\":\"d\",\"n\":\"x\"}"));

        assertEquals(List.of(new Ping("a", 1), new Ping("c", 2)), read);
        assertEquals(2.0, count("unreadable"));
        assertEquals(1.0, count("invalid"));
    }

    private double count(String reason) {
        return registry.get("trapwatch.events.rejected").tag("event_type", "Ping").tag("reason", reason).counter().count();
    }
}
