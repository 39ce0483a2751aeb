package io.trapwatch.service.outbox;

/** One queued event as it leaves for Kafka: its outbox row id (the publishing order), topic, key, event id and JSON. */
public record OutboxRecord(long id, String topic, String key, String eventId, String payload) {
}
