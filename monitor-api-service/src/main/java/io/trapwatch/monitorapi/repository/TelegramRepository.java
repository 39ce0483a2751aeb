package io.trapwatch.monitorapi.repository;

import io.agroal.api.AgroalDataSource;
import io.trapwatch.service.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Telegram bookkeeping: messages sent per chat (rate limit) and the first message of each monitor's thread. */
@ApplicationScoped
public class TelegramRepository {

    private final AgroalDataSource dataSource;

    public TelegramRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Messages sent to a chat within the window, and when the oldest of them was sent (null if none). */
    public record ChatWindow(int sent, Instant oldest) {
    }

    /** Messages sent to the chat after {@code since}; older rows are deleted on the way. */
    public ChatWindow sentSince(String chatKey, Instant since) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement prune = c.prepareStatement("DELETE FROM telegram_send WHERE chat_key = ? AND sent_at <= ?");
             PreparedStatement count = c.prepareStatement("SELECT count(*), min(sent_at) FROM telegram_send WHERE chat_key = ? AND sent_at > ?")) {
            prune.setString(1, chatKey);
            prune.setTimestamp(2, Timestamp.from(since));
            prune.executeUpdate();
            count.setString(1, chatKey);
            count.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                Timestamp oldest = rs.getTimestamp(2);
                return new ChatWindow(rs.getInt(1), oldest == null ? null : oldest.toInstant());
            }
        }
    }

    /** Recorded before the message goes out: a send that fails still counted against the limit (Telegram counts it). */
    public void recordSend(String chatKey, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO telegram_send (chat_key, sent_at) VALUES (?, ?)")) {
            s.setString(1, chatKey);
            s.setTimestamp(2, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    public Map<String, Long> threadRoots(long subscriptionId, Collection<String> monitorKeys) throws SQLException {
        Map<String, Long> roots = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT monitor_key, root_message_id FROM telegram_thread"
                     + " WHERE subscription_id = ? AND monitor_key = ANY(?)")) {
            s.setLong(1, subscriptionId);
            s.setArray(2, SqlArrays.texts(c, new ArrayList<>(monitorKeys)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    roots.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return roots;
    }

    /** The first message that mentioned a monitor becomes its thread's root; later calls keep it. */
    public void saveThreadRoots(long subscriptionId, Collection<String> monitorKeys, long messageId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO telegram_thread (subscription_id, monitor_key, root_message_id)"
                     + " SELECT ?, unnest(?::text[]), ? ON CONFLICT DO NOTHING")) {
            s.setLong(1, subscriptionId);
            s.setArray(2, SqlArrays.texts(c, new ArrayList<>(monitorKeys)));
            s.setLong(3, messageId);
            s.executeUpdate();
        }
    }
}
