package io.trapwatch.detection.repository;

import io.trapwatch.service.outbox.OutboxRecord;
import io.trapwatch.service.outbox.OutboxTable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code detection.outbox} ({@link OutboxEntity} rows) as the shared drainer reads it: ready-made events in id order.
 */
public final class MonitorOutboxTable implements OutboxTable {

    @Override
    public String qualifiedName() {
        return "detection.outbox";
    }

    @Override
    public List<OutboxRecord> oldest(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, topic, message_key, event_id, payload FROM detection.outbox ORDER BY id LIMIT ?")) {
            ps.setInt(1, limit);
            List<OutboxRecord> records = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    records.add(new OutboxRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
            return records;
        }
    }
}
