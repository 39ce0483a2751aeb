package io.trapwatch.detection.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

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

    /**
     * Many rows in one statement, their ids taken from the sequence in list order (the column's default, row by
     * row): for the per-series events of a whole batch, whose series are all locked by the caller.
     */
    public static void persistAll(List<OutboxEntity> rows) {
        if (rows.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO detection.outbox "
                    + "(topic, message_key, event_id, payload, created_at) SELECT u.t, u.k, u.e, u.p, u.c FROM unnest("
                    + "?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::timestamptz[]) WITH ORDINALITY "
                    + "AS u(t, k, e, p, c, n) ORDER BY u.n")) {
                ps.setArray(1, c.createArrayOf("varchar", rows.stream().map(r -> r.topic).toArray(String[]::new)));
                ps.setArray(2, c.createArrayOf("varchar", rows.stream().map(r -> r.messageKey).toArray(String[]::new)));
                ps.setArray(3, c.createArrayOf("varchar", rows.stream().map(r -> r.eventId).toArray(String[]::new)));
                ps.setArray(4, c.createArrayOf("text", rows.stream().map(r -> r.payload).toArray(String[]::new)));
                ps.setArray(5, c.createArrayOf("timestamptz",
                        rows.stream().map(r -> Timestamp.from(r.createdAt)).toArray(Timestamp[]::new)));
                ps.executeUpdate();
            }
        });
    }
}
