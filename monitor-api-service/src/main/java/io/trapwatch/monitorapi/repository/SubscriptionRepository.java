package io.trapwatch.monitorapi.repository;

import io.agroal.api.AgroalDataSource;
import io.trapwatch.monitorapi.domain.SubscriptionSpec;
import io.trapwatch.monitorapi.domain.SubscriptionSpec.Channel;
import io.trapwatch.service.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Alert subscriptions. */
@ApplicationScoped
public class SubscriptionRepository {

    private static final String SELECT = "SELECT id, channel, webhook_url, webhook_secret, telegram_token_ref,"
            + " telegram_chat_id, market_types, intervals, symbols, statuses, min_trigger_quote_volume, enabled,"
            + " paused_at, consecutive_failures, created_at, updated_at FROM alert_subscription";

    private final AgroalDataSource dataSource;

    public SubscriptionRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long insert(SubscriptionSpec spec, byte[] encryptedSecret, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO alert_subscription (channel, webhook_url, webhook_secret,"
                     + " telegram_token_ref, telegram_chat_id, market_types, intervals, symbols, statuses,"
                     + " min_trigger_quote_volume, enabled, created_at, updated_at)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            int next = bindSpec(c, s, spec, encryptedSecret);
            s.setTimestamp(next++, Timestamp.from(now));
            s.setTimestamp(next, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Replaces the subscription; a null secret keeps the stored one. Enabling clears a pause and its failure count.
     * Returns false if there is no such subscription.
     */
    public boolean update(long id, SubscriptionSpec spec, byte[] encryptedSecret, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE alert_subscription SET channel = ?, webhook_url = ?,"
                     + " webhook_secret = COALESCE(?, CASE WHEN channel = 'webhook' THEN webhook_secret END),"
                     + " telegram_token_ref = ?, telegram_chat_id = ?, market_types = ?, intervals = ?, symbols = ?,"
                     + " statuses = ?, min_trigger_quote_volume = ?, enabled = ?,"
                     + " paused_at = CASE WHEN ? THEN NULL ELSE paused_at END,"
                     + " consecutive_failures = CASE WHEN ? THEN 0 ELSE consecutive_failures END, updated_at = ?"
                     + " WHERE id = ?")) {
            int next = bindSpec(c, s, spec, encryptedSecret);
            s.setBoolean(next++, spec.enabled());
            s.setBoolean(next++, spec.enabled());
            s.setTimestamp(next++, Timestamp.from(now));
            s.setLong(next, id);
            return s.executeUpdate() == 1;
        }
    }

    public boolean delete(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM alert_subscription WHERE id = ?")) {
            s.setLong(1, id);
            return s.executeUpdate() == 1;
        }
    }

    public Optional<StoredSubscription> find(long id) throws SQLException {
        return byIds(List.of(id)).stream().findFirst();
    }

    public List<StoredSubscription> byIds(Collection<Long> ids) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(SELECT + " WHERE id = ANY(?)")) {
            s.setArray(1, SqlArrays.longs(c, new ArrayList<>(ids)));
            return rows(s);
        }
    }

    /** Ordered by id, at most {@code limit} after {@code afterId}. */
    public List<StoredSubscription> page(long afterId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(SELECT + " WHERE id > ? ORDER BY id LIMIT ?")) {
            s.setLong(1, afterId);
            s.setInt(2, limit);
            return rows(s);
        }
    }

    private static int bindSpec(Connection c, PreparedStatement s, SubscriptionSpec spec, byte[] encryptedSecret)
            throws SQLException {
        boolean webhook = spec.channel() == Channel.WEBHOOK;
        s.setString(1, spec.channel().wire());
        s.setString(2, webhook ? spec.webhookUrl() : null);
        s.setBytes(3, webhook ? encryptedSecret : null);
        s.setString(4, webhook ? null : spec.telegramTokenRef());
        s.setString(5, webhook ? null : spec.telegramChatId());
        s.setArray(6, SqlArrays.texts(c, spec.marketTypes()));
        s.setArray(7, SqlArrays.texts(c, spec.intervals()));
        s.setArray(8, spec.symbols() == null ? null : SqlArrays.texts(c, spec.symbols()));
        s.setArray(9, SqlArrays.texts(c, spec.statuses()));
        s.setBigDecimal(10, spec.minTriggerQuoteVolume());
        s.setBoolean(11, spec.enabled());
        return 12;
    }

    private static List<StoredSubscription> rows(PreparedStatement s) throws SQLException {
        List<StoredSubscription> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredSubscription(rs.getLong(1), Channel.fromWire(rs.getString(2)), rs.getString(3),
                        rs.getBytes(4), rs.getString(5), rs.getString(6), texts(rs.getArray(7)), texts(rs.getArray(8)),
                        texts(rs.getArray(9)), texts(rs.getArray(10)), rs.getBigDecimal(11), rs.getBoolean(12),
                        instant(rs.getTimestamp(13)), rs.getInt(14), instant(rs.getTimestamp(15)),
                        instant(rs.getTimestamp(16))));
            }
        }
        return out;
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
