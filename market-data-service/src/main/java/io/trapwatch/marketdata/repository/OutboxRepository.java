package io.trapwatch.marketdata.repository;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Statements on {@code market_data.kline_outbox}; they run on the connection the caller holds. */
public final class OutboxRepository {

    /** Serialises drainers across service instances, so events of a series leave in id order. */
    private static final long DRAIN_LOCK = 0x6b6c696e65L;

    private OutboxRepository() {
    }

    public static boolean tryDrainLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, DRAIN_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The oldest queued events with their bars, in id order. */
    public static List<OutboxEntry> oldest(Connection c, int limit) throws SQLException {
        String sql = "SELECT o.id, o.market_type, o.symbol, o.interval, " + KlineRepository.klineColumns("k")
                + " FROM kline_outbox o JOIN kline k ON k.market_type = o.market_type AND k.symbol = o.symbol"
                + " AND k.interval = o.interval AND k.open_time = o.open_time ORDER BY o.id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            List<OutboxEntry> entries = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SeriesKey series = new SeriesKey(MarketType.fromWire(rs.getString(2)), rs.getString(3),
                            Interval.fromWire(rs.getString(4)));
                    entries.add(new OutboxEntry(rs.getLong(1), series, KlineRepository.kline(rs, 5)));
                }
            }
            return entries;
        }
    }

    public static void delete(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM kline_outbox WHERE id = ANY(?)")) {
            Array array = c.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            ps.executeUpdate();
            array.free();
        }
    }

    public static long pending(Connection c, UUID updateRun) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(updateRun == null ? "SELECT count(*) FROM kline_outbox"
                : "SELECT count(*) FROM kline_outbox WHERE update_run = ?")) {
            if (updateRun != null) {
                ps.setObject(1, updateRun);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
