package io.trapwatch.detection.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.model.Kline;
import jakarta.inject.Singleton;
import io.trapwatch.model.KlineClosed;
import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.model.SeriesKey;
import io.trapwatch.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Real round trips for the tests: events into the broker, events out of it, this service's tables and API. */
@Singleton
public final class DetectionFixture {

    private final ObjectMapper mapper;
    private final AgroalDataSource dataSource;

    public DetectionFixture(ObjectMapper mapper, AgroalDataSource dataSource) {
        this.mapper = mapper;
        this.dataSource = dataSource;
    }

    public static SeriesKey uniqueSpotSeries(String prefix) {
        return SeriesKey.parse("spot:" + prefix + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace("-", "") + "USDT:1h");
    }

    /** Publishes one kline-closed event per bar, in the given order, as market-data-service would. */
    public void publish(SeriesKey series, List<Kline> bars) {
        publish(bars.stream().map(k -> KlineClosed.of(series, k, Instant.now())).toList());
    }

    /** Publishes the events in the given order with one producer and one flush (several series end up in one poll). */
    public void publish(List<KlineClosed> events) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 50),
                new StringSerializer(), new StringSerializer())) {
            for (KlineClosed event : events) {
                producer.send(new ProducerRecord<>(Topics.KLINE_CLOSED, event.series().asKafkaKey(), mapper.writeValueAsString(event)));
            }
            producer.flush();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the series' cursor reached the given open time. */
    public void awaitCursor(SeriesKey series, Instant openTime) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> openTime.equals(cursor(series)));
    }

    public Instant cursor(SeriesKey series) {
        Object v = scalar("SELECT last_open_time FROM detection.series_state WHERE market_type = ? AND symbol = ? AND kline_interval = ?",
                series.marketType().wire(), series.symbol(), series.interval().wire());
        return v == null ? null : ((Timestamp) v).toInstant();
    }

    public long count(String sql, Object... args) {
        return ((Number) scalar(sql, args)).longValue();
    }

    /** Runs a statement on this service's database (a test setting the stage). */
    public int execute(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Object scalar(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** GET /api/detection/monitors for one series, parsed with Jackson (numbers stay doubles). */
    public List<Map<String, Object>> monitors(SeriesKey series) {
        String body = given().queryParam("market_type", series.marketType().wire()).queryParam("symbol", series.symbol())
                .queryParam("interval", series.interval().wire())
                .get("/api/detection/monitors").then().statusCode(200).extract().asString();
        try {
            Map<String, Object> parsed = mapper.readValue(body, new TypeReference<>() {
            });
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> monitors = (List<Map<String, Object>>) parsed.get("monitors");
            return monitors;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * D17.6's "identical": per monitor the trigger bar and values, status and flags, and per transition the
     * statuses, bar, close, reason and every detector value. Symbol, keys and wall-clock fields are left out.
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> comparable(List<Map<String, Object>> monitors) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> m : monitors) {
            Map<String, Object> c = new LinkedHashMap<>();
            for (String k : List.of("market_type", "interval", "trigger_time", "trigger_price", "trigger_volume",
                    "trigger_high", "trigger_low", "status", "phase_1_passed", "phase_2_passed", "phase_3_passed",
                    "confirm_time")) {
                c.put(k, m.get(k));
            }
            List<Map<String, Object>> log = new ArrayList<>();
            for (Map<String, Object> t : (List<Map<String, Object>>) m.get("transitions")) {
                Map<String, Object> ct = new LinkedHashMap<>();
                for (String k : List.of("from", "to", "bar_time", "bar_close", "reason", "indicators")) {
                    ct.put(k, t.get(k));
                }
                log.add(ct);
            }
            c.put("transitions", log);
            out.add(c);
        }
        out.sort(Comparator.comparing(m -> m.get("trigger_time").toString()));
        return out;
    }

    /** Reads monitor-state-changed from the start of the topic until {@code expected} events of the series arrived, then a little longer to catch extras. */
    public List<MonitorStateChanged> events(SeriesKey series, int expected) {
        return records(Topics.MONITOR_STATE_CHANGED, MonitorStateChanged.class, series, expected);
    }

    /** Reads a topic from its start until {@code expected} records of the series arrived, then 2 s longer to catch extras. */
    public <T> List<T> records(String topic, Class<T> type, SeriesKey series, int expected) {
        List<T> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (series.asKafkaKey().equals(r.key())) {
                        seen.add(mapper.readValue(r.value(), type));
                    }
                }
                if (seen.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return seen;
    }
}
