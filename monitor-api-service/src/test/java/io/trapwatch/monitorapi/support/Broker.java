package io.trapwatch.monitorapi.support;

import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.model.KlineClosed;
import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.model.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Produces events to the real broker as the other services do (string key = series, JSON value). */
public final class Broker {

    private static KafkaProducer<String, String> producer;

    private Broker() {
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.ACKS_CONFIG, "all"));
        }
        return producer;
    }

    public static void send(MonitorStateChanged... events) {
        for (MonitorStateChanged e : events) {
            sendRaw(Topics.MONITOR_STATE_CHANGED, e.series().asKafkaKey(), Events.json(e));
        }
    }

    public static void send(KlineClosed bar) {
        sendRaw(Topics.KLINE_CLOSED, bar.series().asKafkaKey(), Events.json(bar));
    }

    public static void sendRaw(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }
}
