package io.trapwatch.service.messaging;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StaticMembershipTest {

    @Test
    void theInstanceIdIsTheInstanceNameAndTheClientIdInCharactersKafkaAccepts() {
        assertThat(StaticMembership.instanceId(Optional.of("detection-service-7c9f6-x2k4q"), "kafka-consumer-kline-closed-in$3"))
                .contains("detection-service-7c9f6-x2k4q-kafka-consumer-kline-closed-in-3");
        assertThat(StaticMembership.instanceId(Optional.of("api"), "kafka-consumer-monitor-state-changed-in-1"))
                .contains("api-kafka-consumer-monitor-state-changed-in-1");
    }

    @Test
    void withoutAnInstanceNameTheConsumerStaysADynamicMember() {
        assertThat(StaticMembership.instanceId(Optional.empty(), "kafka-consumer-x")).isEmpty();
        assertThat(StaticMembership.instanceId(Optional.of("  "), "kafka-consumer-x")).isEmpty();
    }
}
