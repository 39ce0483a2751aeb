package io.trapwatch.monitorapi.messaging;

import io.agroal.api.AgroalDataSource;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.model.Topics;
import io.trapwatch.monitorapi.support.Api;
import io.trapwatch.monitorapi.support.Broker;
import io.trapwatch.monitorapi.support.Events;
import io.trapwatch.monitorapi.support.ServiceTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static io.trapwatch.monitorapi.support.Api.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read model is disposable: emptying the schema and feeding both topics from the beginning through the live
 * consumers' own entry points gives back the same view (ids aside, which are this service's own sequence).
 */
@ServiceTest
class ReadModelRebuildTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MonitorEventConsumer monitorConsumer;

    @Inject
    KlinePriceConsumer priceConsumer;

    @Test
    void replayingTheTopicsIntoAnEmptySchemaGivesTheSameView() throws Exception {
        String symbol = Events.uniqueSymbol();
        Instant trigger = Instant.parse("2025-03-01T00:00:00Z");
        Events.Monitor m = new Events.Monitor(MarketType.FUTURES, symbol, Interval.H4, trigger, "7.5")
                .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 3, new BigDecimal("6.1"), Events.confirmationSnapshot())
                .step(MonitorStatus.CONFIRMED_ABANDONMENT, "validation", 4, new BigDecimal("5.9"), Events.validationSnapshot());
        // Out of order and duplicated on the topic, as a replay may meet them.
        Broker.send(m.version(1), m.version(3), m.version(2), m.version(3));
        Broker.send(Events.bar(MarketType.FUTURES, symbol, Interval.H4, trigger.plusSeconds(8 * 4 * 3600), "5.25"));
        Api.awaitVersion(symbol, m.key(), 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> "5.25000000".equals(Api.monitorByKey(symbol, m.key()).get("current_price")));
        awaitConsumersCaughtUp();

        Map<String, String> before = view();
        assertThat(before).containsKey(m.key());

        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("TRUNCATE monitor_api.monitor, monitor_api.monitor_transition, "
                    + "monitor_api.monitor_count, monitor_api.monitor_day_count, monitor_api.series_price RESTART IDENTITY;"
                    + " UPDATE monitor_api.read_model_version SET version = version + 1");
        }
        // Written behind the service's back, as another instance would: seen once the version poll read the row.
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/volume-trap/monitors/").getInt("count") == 0);
        assertThat(get("/api/volume-trap/statistics/").getInt("total")).isZero();

        replay(Topics.MONITOR_STATE_CHANGED, monitorConsumer::onEvents);
        replay(Topics.KLINE_CLOSED, priceConsumer::onBars);

        assertThat(view()).isEqualTo(before);
    }

    /** Every monitor (list entry and detail, without the id) by key, plus the count grid. */
    private static Map<String, String> view() {
        Map<String, String> view = new TreeMap<>();
        long count = get("/api/volume-trap/monitors/").getLong("count");
        for (int page = 1; (page - 1) * 100L < count; page++) {
            List<Map<String, Object>> results = get("/api/volume-trap/monitors/?page_size=100&page=" + page).getList("results");
            for (Map<String, Object> entry : results) {
                Map<String, Object> detail = new TreeMap<>(get("/api/volume-trap/monitors/" + entry.get("id")).getMap(""));
                Map<String, Object> listed = new TreeMap<>(entry);
                detail.remove("id");
                listed.remove("id");
                view.put((String) entry.get("monitor_key"), listed + " | " + detail);
            }
        }
        view.put("~statistics", get("/api/volume-trap/statistics/").getList("by_status").toString());
        return view;
    }

    private static void replay(String topic, Consumer<List<String>> sink) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                List<String> batch = new ArrayList<>();
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    batch.add(r.value());
                }
                if (!batch.isEmpty()) {
                    sink.accept(batch);
                }
            }
        }
    }

    /** Both live consumer groups have committed everything on their topics, so the view is settled. */
    private static void awaitConsumersCaughtUp() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                    caughtUp(admin, "monitor-api-service", Topics.MONITOR_STATE_CHANGED)
                            && caughtUp(admin, "monitor-api-service-prices", Topics.KLINE_CLOSED));
        }
    }

    private static boolean caughtUp(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, Long> end = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        return partitions.stream().allMatch(p -> end.get(p) == 0
                || (committed.get(p) != null && committed.get(p).offset() >= end.get(p)));
    }
}
