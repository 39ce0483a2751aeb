package io.trapwatch.marketdata.repository;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads of {@code market_data.kline_outbox} (the shared drainer locks and deletes); on the caller's connection. */
public final class KlineOutboxRepository {

    private KlineOutboxRepository() {
    }

    /** The oldest queued events with their bars, in id order. */
    public static List<KlineOutboxRow> oldest(Connection c, int limit) throws SQLException {
        String sql = "SELECT o.id, o.market_type, o.symbol, o.interval, o.created_at, " + KlineRepository.klineColumns("k")
                + " FROM kline_outbox o JOIN kline k ON k.market_type = o.market_type AND k.symbol = o.symbol"
                + " AND k.interval = o.interval AND k.open_time = o.open_time ORDER BY o.id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            List<KlineOutboxRow> entries = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SeriesKey series = new SeriesKey(MarketType.fromWire(rs.getString(2)), rs.getString(3),
                            Interval.fromWire(rs.getString(4)));
                    entries.add(new KlineOutboxRow(rs.getLong(1), series, KlineRepository.kline(rs, 6),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return entries;
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
