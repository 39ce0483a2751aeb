package io.trapwatch.detection.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An event written in the transaction of its cause and published later, in id order, by the shared outbox drainer
 * ({@link MonitorOutboxTable}).
 */
@Entity
@Table(name = "outbox")
public class OutboxEntity extends PanacheEntityBase {

    /**
     * One id per row from the database at write time (no blocks per instance), so id order follows each series' lock
     * order.
     */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outbox_seq")
    @SequenceGenerator(name = "outbox_seq", sequenceName = "outbox_seq", allocationSize = 1)
    public Long id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "message_key", nullable = false)
    public String messageKey;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static OutboxEntity of(String topic, String key, String eventId, String payload, Instant now) {
        OutboxEntity entry = new OutboxEntity();
        entry.topic = topic;
        entry.messageKey = key;
        entry.eventId = eventId;
        entry.payload = payload;
        entry.createdAt = now;
        return entry;
    }
}
