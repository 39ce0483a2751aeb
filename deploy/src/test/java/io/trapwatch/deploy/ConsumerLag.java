package io.trapwatch.deploy;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** Tells when the services' consumer groups have consumed (and committed) everything on their topics. */
final class ConsumerLag implements AutoCloseable {

    private final Admin admin;

    ConsumerLag(String bootstrap) {
        admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Records on {@code topic} not yet committed by {@code group}. */
    long lag(String group, String topic) throws ExecutionException, InterruptedException {
        return lagByPartition(group, topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The same per partition. */
    Map<TopicPartition, Long> lagByPartition(String group, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> lag = new HashMap<>();
        if (!admin.listTopics().names().get().contains(topic)) {
            return lag;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get()
                .get(topic).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag.put(end.getKey(), end.getValue().offset() - (done == null ? 0 : done.offset()));
        }
        return lag;
    }

    /**
     * The partitions {@code group} has assigned to the consumers of one process: static members whose
     * {@code group.instance.id} is {@code <instance name>-<client id>} (service-support's StaticMembership), SmallRye's
     * client ids all starting with {@code kafka-consumer-}.
     */
    Set<TopicPartition> assignedTo(String group, String instanceName) throws ExecutionException, InterruptedException {
        Set<TopicPartition> assigned = new HashSet<>();
        for (MemberDescription member : admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members()) {
            if (member.groupInstanceId().filter(id -> id.startsWith(instanceName + "-kafka-consumer-")).isPresent()) {
                assigned.addAll(member.assignment().topicPartitions());
            }
        }
        return assigned;
    }

    /** Waits until every group has no lag on its topic, several checks in a row (upstream outboxes have drained). */
    void awaitDrained(Duration timeout, Map<String, String> topicByGroup) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quietChecks = 0;
        while (quietChecks < 3) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumers still lagging after " + timeout);
            }
            boolean drained = true;
            for (var e : topicByGroup.entrySet()) {
                drained &= lag(e.getKey(), e.getValue()) == 0;
            }
            quietChecks = drained ? quietChecks + 1 : 0;
            Thread.sleep(1000);
        }
    }

    /**
     * Moves {@code group} to the end of {@code topic}: what it has not consumed is skipped. Its service must be down;
     * waits (up to two minutes) until the broker has expired its members' sessions. Returns the records skipped.
     */
    long skipToEnd(String group, String topic) throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (!admin.describeConsumerGroups(java.util.List.of(group)).all().get().get(group).members().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(group + " still has members");
            }
            Thread.sleep(1000);
        }
        long skipped = lag(group, topic);
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get()
                .get(topic).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
        admin.alterConsumerGroupOffsets(group, ends).all().get();
        return skipped;
    }

    @Override
    public void close() {
        admin.close();
    }
}
