package io.trapwatch.monitorapi.repository;

import io.agroal.api.AgroalDataSource;
import io.trapwatch.service.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** The alert outbox (transitions to alert on) and the deliveries fanned out from it. */
@ApplicationScoped
public class DeliveryRepository {

    /** Deliveries inserted since the last refresh of the table's statistics after which they are refreshed (a burst). */
    static final int ANALYZE_AFTER_INSERTS = 5_000;

    private final AgroalDataSource dataSource;
    private final AtomicLong insertedSinceAnalyze = new AtomicLong();

    public DeliveryRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A transition the projector just wrote, to be alerted on. */
    public record NewTransition(String monitorKey, int sequence, String marketType, String symbol,
                                String interval, String toStatus, BigDecimal triggerQuoteVolume) {
    }

    /** A delivery whose turn has come: the earliest pending one of its subscription and monitor. */
    public record Due(long id, long subscriptionId, String monitorKey, int sequence, int attempts, long monitorId) {
    }

    /** The result of one attempt. {@code status} is pending (retry at {@code nextAttemptAt}), delivered or failed. */
    public record Outcome(long deliveryId, long subscriptionId, String status, Instant nextAttemptAt, String error,
                          Instant deliveredAt, Long telegramMessageId) {
        public boolean success() {
            return "delivered".equals(status);
        }
    }

    public record DeliveryRow(long id, String monitorKey, int sequence, String status, int attempts, Instant nextAttemptAt,
                              String lastError, Instant deliveredAt, Long telegramMessageId, Instant createdAt) {
    }

    /** In the projector's transaction; a transition already recorded (redelivered event) is left alone. */
    public void insertTransitions(List<NewTransition> rows, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO alert_transition (monitor_key, sequence,"
                     + " market_type, symbol, bar_interval, to_status, trigger_quote_volume, created_at)"
                     + " SELECT *, ?::timestamptz FROM unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[],"
                     + " ?::text[], ?::numeric[]) ON CONFLICT (monitor_key, sequence) DO NOTHING")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setArray(2, SqlArrays.texts(c, map(rows, NewTransition::monitorKey)));
            s.setArray(3, SqlArrays.ints(c, map(rows, NewTransition::sequence)));
            s.setArray(4, SqlArrays.texts(c, map(rows, NewTransition::marketType)));
            s.setArray(5, SqlArrays.texts(c, map(rows, NewTransition::symbol)));
            s.setArray(6, SqlArrays.texts(c, map(rows, NewTransition::interval)));
            s.setArray(7, SqlArrays.texts(c, map(rows, NewTransition::toStatus)));
            s.setArray(8, SqlArrays.decimals(c, map(rows, NewTransition::triggerQuoteVolume)));
            s.executeUpdate();
        }
    }

    /**
     * Fans out up to {@code limit} recorded transitions, oldest first, in one statement (atomic): one pending delivery
     * per enabled subscription that matches and existed when the transition was recorded. The unique key
     * (subscription, monitor, sequence) makes it harmless to meet a transition twice. Returns transitions fanned out.
     */
    public int fanOut(int limit, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("WITH batch AS (SELECT id FROM alert_transition WHERE NOT fanned_out"
                     + "   ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED),"
                     + " marked AS (UPDATE alert_transition t SET fanned_out = TRUE FROM batch WHERE t.id = batch.id RETURNING t.*),"
                     + " inserted AS (INSERT INTO alert_delivery (subscription_id, transition_id, monitor_key, sequence, status,"
                     + "   next_attempt_at, created_at)"
                     + "   SELECT s.id, m.id, m.monitor_key, m.sequence, 'pending', ?, ? FROM marked m JOIN alert_subscription s"
                     + "   ON s.enabled AND s.created_at <= m.created_at AND m.market_type = ANY(s.market_types)"
                     + "   AND m.bar_interval = ANY(s.intervals) AND m.to_status = ANY(s.statuses)"
                     + "   AND (s.symbols IS NULL OR m.symbol = ANY(s.symbols))"
                     + "   AND m.trigger_quote_volume >= s.min_trigger_quote_volume"
                     + "   ORDER BY m.id, s.id"
                     + "   ON CONFLICT (subscription_id, monitor_key, sequence) DO NOTHING RETURNING 1)"
                     + " SELECT (SELECT count(*) FROM marked), (SELECT count(*) FROM inserted)")) {
            s.setInt(1, limit);
            s.setTimestamp(2, Timestamp.from(now));
            s.setTimestamp(3, Timestamp.from(now));
            int transitions;
            int inserted;
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                transitions = rs.getInt(1);
                inserted = rs.getInt(2);
            }
            if (insertedSinceAnalyze.addAndGet(inserted) >= ANALYZE_AFTER_INSERTS) {
                insertedSinceAnalyze.set(0);
                // Fresh statistics at once, not at autovacuum's next visit: the due query walks pending rows in id
                // order and stops after its limit only if the planner knows how many there are.
                try (Statement analyze = c.createStatement()) {
                    analyze.execute("ANALYZE alert_delivery");
                }
            }
            return transitions;
        }
    }

    /**
     * Pending deliveries due by {@code now} of enabled, unpaused subscriptions whose monitor is in the read model,
     * leaving out those in flight and any with an earlier transition of the same monitor still pending (per-monitor
     * order), oldest first.
     * <p>
     * Every check is a scalar subquery, i.e. one index probe per candidate row, whatever the planner believes about
     * the tables: as joins, a plan chosen on statistics from before a burst was fanned out (a nearly empty
     * {@code alert_delivery}) turned into nested loops over every pending row and took 52 s per round. With fresh
     * statistics ({@link #fanOut}) the pending rows are walked in id order and the walk stops at the limit.
     */
    public List<Due> due(Instant now, Collection<Long> inFlight, int limit) throws SQLException {
        List<Due> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT d.id, d.subscription_id, d.monitor_key, d.sequence, d.attempts,"
                     // By key: a read-model rebuild gives monitors new ids (and a monitor not back yet waits).
                     + " (SELECT m.id FROM monitor m WHERE m.monitor_key = d.monitor_key)"
                     + " FROM alert_delivery d"
                     + " WHERE d.status = 'pending' AND d.next_attempt_at <= ?"
                     + " AND (SELECT m.id FROM monitor m WHERE m.monitor_key = d.monitor_key) IS NOT NULL"
                     + " AND (SELECT s.enabled AND s.paused_at IS NULL FROM alert_subscription s WHERE s.id = d.subscription_id)"
                     + " AND d.sequence = (SELECT min(e.sequence) FROM alert_delivery e WHERE e.subscription_id = d.subscription_id"
                     + "   AND e.monitor_key = d.monitor_key AND e.status = 'pending')"
                     + " ORDER BY d.id LIMIT ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            // In-flight ones are skipped here, not in SQL: "id <> ALL(array)" costs the array's length per row.
            s.setInt(2, limit + inFlight.size());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next() && out.size() < limit) {
                    if (inFlight.contains(rs.getLong(1))) {
                        continue;
                    }
                    out.add(new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getLong(6)));
                }
            }
        }
        return out;
    }

    /**
     * Writes a batch of attempt results and keeps each subscription's run of consecutive failures (a success resets
     * it); a subscription whose run reaches {@code pauseAfter} is paused.
     */
    public void record(List<Outcome> outcomes, int pauseAfter, Instant now) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        Map<Long, int[]> runs = new LinkedHashMap<>(); // subscription -> {reset (0/1), failures since}
        for (Outcome o : outcomes) {
            int[] run = runs.computeIfAbsent(o.subscriptionId(), id -> new int[2]);
            if (o.success()) {
                run[0] = 1;
                run[1] = 0;
            } else {
                run[1]++;
            }
        }
        List<Long> subscriptions = new ArrayList<>(runs.keySet());
        try (Connection c = dataSource.getConnection();
             PreparedStatement d = c.prepareStatement("UPDATE alert_delivery d SET status = u.status, attempts = d.attempts + 1,"
                     + " next_attempt_at = COALESCE(u.next_at, d.next_attempt_at), last_error = u.error,"
                     + " delivered_at = u.delivered_at, telegram_message_id = u.message_id"
                     + " FROM unnest(?::bigint[], ?::text[], ?::timestamptz[], ?::text[], ?::timestamptz[], ?::bigint[])"
                     + " AS u(id, status, next_at, error, delivered_at, message_id) WHERE d.id = u.id");
             PreparedStatement s = c.prepareStatement("UPDATE alert_subscription s SET"
                     + " consecutive_failures = CASE WHEN u.reset THEN u.failures ELSE s.consecutive_failures + u.failures END,"
                     + " paused_at = CASE WHEN s.paused_at IS NULL AND (CASE WHEN u.reset THEN u.failures"
                     + "   ELSE s.consecutive_failures + u.failures END) >= ? THEN ? ELSE s.paused_at END"
                     + " FROM unnest(?::bigint[], ?::bool[], ?::int[]) AS u(id, reset, failures) WHERE s.id = u.id")) {
            d.setArray(1, SqlArrays.longs(c, map(outcomes, Outcome::deliveryId)));
            d.setArray(2, SqlArrays.texts(c, map(outcomes, Outcome::status)));
            d.setArray(3, SqlArrays.instants(c, map(outcomes, Outcome::nextAttemptAt)));
            d.setArray(4, SqlArrays.texts(c, map(outcomes, Outcome::error)));
            d.setArray(5, SqlArrays.instants(c, map(outcomes, Outcome::deliveredAt)));
            d.setArray(6, SqlArrays.longs(c, map(outcomes, Outcome::telegramMessageId)));
            d.executeUpdate();
            s.setInt(1, pauseAfter);
            s.setTimestamp(2, Timestamp.from(now));
            s.setArray(3, SqlArrays.longs(c, subscriptions));
            s.setArray(4, SqlArrays.booleans(c, map(subscriptions, id -> runs.get(id)[0] == 1)));
            s.setArray(5, SqlArrays.ints(c, map(subscriptions, id -> runs.get(id)[1])));
            s.executeUpdate();
        }
    }

    /** A subscription's deliveries, newest first, optionally of one status. */
    public List<DeliveryRow> deliveries(long subscriptionId, String status, int limit) throws SQLException {
        List<DeliveryRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, monitor_key, sequence, status, attempts, next_attempt_at,"
                     + " last_error, delivered_at, telegram_message_id, created_at FROM alert_delivery"
                     + " WHERE subscription_id = ? AND (?::text IS NULL OR status = ?) ORDER BY id DESC LIMIT ?")) {
            s.setLong(1, subscriptionId);
            s.setString(2, status);
            s.setString(3, status);
            s.setInt(4, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeliveryRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getInt(5),
                            instant(rs.getTimestamp(6)), rs.getString(7), instant(rs.getTimestamp(8)),
                            (Long) rs.getObject(9), instant(rs.getTimestamp(10))));
                }
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static <T, R> List<R> map(List<T> items, Function<T, R> f) {
        List<R> out = new ArrayList<>(items.size());
        for (T item : items) {
            out.add(f.apply(item));
        }
        return out;
    }
}
