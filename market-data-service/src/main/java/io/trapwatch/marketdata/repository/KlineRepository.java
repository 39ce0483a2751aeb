package io.trapwatch.marketdata.repository;

import io.agroal.api.AgroalDataSource;
import io.trapwatch.marketdata.domain.SeriesBar;
import io.trapwatch.model.Interval;
import io.trapwatch.model.Kline;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** JDBC access to {@code market_data.kline}; callers own the transaction. */
@ApplicationScoped
public class KlineRepository {

    /*
     * One statement per batch: the bars travel as arrays (one round trip whatever the batch size), rows that
     * already exist are skipped by the primary key, and exactly the newly inserted bars get an outbox row in
     * the same statement, in open-time order, so the outbox id orders the events of a series.
     */
    private static final String INSERT_NEW_WITH_OUTBOX = """
            WITH incoming AS (
                SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::bigint[], ?::numeric[],
                                     ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[], ?::bigint[],
                                     ?::numeric[], ?::numeric[])
                    AS t(market_type, symbol, interval, open_ms, close_ms, open, high, low, close, volume, quote_volume,
                         trade_count, taker_buy_volume, taker_buy_quote_volume)
            ), inserted AS (
                INSERT INTO kline (market_type, symbol, interval, open_time, close_time, open, high, low, close, volume,
                                   quote_volume, trade_count, taker_buy_volume, taker_buy_quote_volume)
                SELECT market_type, symbol, interval, timestamptz 'epoch' + open_ms * interval '1 millisecond',
                       timestamptz 'epoch' + close_ms * interval '1 millisecond', open, high, low, close, volume,
                       quote_volume, trade_count, taker_buy_volume, taker_buy_quote_volume
                FROM incoming
                ON CONFLICT (market_type, symbol, interval, open_time) DO NOTHING
                RETURNING market_type, symbol, interval, open_time
            )
            INSERT INTO kline_outbox (market_type, symbol, interval, open_time, update_run)
            SELECT market_type, symbol, interval, open_time, ? FROM inserted
            ORDER BY market_type, symbol, interval, open_time
            """;

    private static final String KLINE_COLUMNS = "open_time, close_time, open, high, low, close, volume, quote_volume, "
            + "trade_count, taker_buy_volume, taker_buy_quote_volume";

    private final AgroalDataSource dataSource;

    public KlineRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the bars not stored yet and queues one outbox row for each; returns how many were new. */
    public int insertNew(SeriesKey series, List<Kline> bars, UUID updateRun) {
        return insertNew(bars.stream().map(k -> new SeriesBar(series, k)).toList(), updateRun);
    }

    /**
     * The same for bars of many series in one statement (a candle close delivers one bar of every streamed
     * series at once); each series' new bars get their outbox rows in open-time order.
     */
    public int insertNew(List<SeriesBar> bars, UUID updateRun) {
        if (bars.isEmpty()) {
            return 0;
        }
        int n = bars.size();
        String[][] keys = new String[3][n];
        Long[] openMs = new Long[n];
        Long[] closeMs = new Long[n];
        Long[] trades = new Long[n];
        BigDecimal[][] decimals = new BigDecimal[8][n];
        for (int i = 0; i < n; i++) {
            SeriesKey series = bars.get(i).series();
            Kline k = bars.get(i).kline();
            keys[0][i] = series.marketType().wire();
            keys[1][i] = series.symbol();
            keys[2][i] = series.interval().wire();
            openMs[i] = k.openTime().toEpochMilli();
            closeMs[i] = k.closeTime().toEpochMilli();
            trades[i] = k.tradeCount();
            decimals[0][i] = k.open();
            decimals[1][i] = k.high();
            decimals[2][i] = k.low();
            decimals[3][i] = k.close();
            decimals[4][i] = k.volume();
            decimals[5][i] = orZero(k.quoteVolume());
            decimals[6][i] = orZero(k.takerBuyVolume());
            decimals[7][i] = orZero(k.takerBuyQuoteVolume());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_NEW_WITH_OUTBOX)) {
            List<Array> arrays = new ArrayList<>();
            int p = 1;
            for (String[] key : keys) {
                p = setArray(c, ps, p, "varchar", key, arrays);
            }
            p = setArray(c, ps, p, "bigint", openMs, arrays);
            p = setArray(c, ps, p, "bigint", closeMs, arrays);
            for (int d = 0; d < 6; d++) {
                p = setArray(c, ps, p, "numeric", decimals[d], arrays);
            }
            p = setArray(c, ps, p, "bigint", trades, arrays);
            p = setArray(c, ps, p, "numeric", decimals[6], arrays);
            p = setArray(c, ps, p, "numeric", decimals[7], arrays);
            ps.setObject(p, updateRun);
            int inserted = ps.executeUpdate();
            for (Array a : arrays) {
                a.free();
            }
            return inserted;
        } catch (SQLException e) {
            throw new IllegalStateException("storing " + n + " bars of " + bars.get(0).series()
                    + (n > 1 ? " and others" : "") + " failed: " + e.getMessage(), e);
        }
    }

    /** Open time of the newest stored bar of every symbol of a market and interval, in one query. */
    public Map<String, Instant> lastOpenTimes(MarketType market, Interval interval) {
        Map<String, Instant> last = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT symbol, max(open_time) FROM kline WHERE market_type = ? AND interval = ? GROUP BY symbol")) {
            ps.setString(1, market.wire());
            ps.setString(2, interval.wire());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return last;
    }

    /** Bars of one series with {@code start ≤ open_time ≤ end}, ascending, at most {@code limit}. */
    public List<Kline> find(SeriesKey series, Instant start, Instant end, int limit) {
        String sql = "SELECT " + KLINE_COLUMNS + " FROM kline WHERE market_type = ? AND symbol = ? AND interval = ?"
                + (start != null ? " AND open_time >= ?" : "") + (end != null ? " AND open_time <= ?" : "")
                + " ORDER BY open_time LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            ps.setString(p++, series.marketType().wire());
            ps.setString(p++, series.symbol());
            ps.setString(p++, series.interval().wire());
            if (start != null) {
                ps.setTimestamp(p++, Timestamp.from(start));
            }
            if (end != null) {
                ps.setTimestamp(p++, Timestamp.from(end));
            }
            ps.setInt(p, limit);
            List<Kline> bars = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bars.add(kline(rs, 1));
                }
            }
            return bars;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<SeriesSummary> series(MarketType market, Interval interval) {
        List<SeriesSummary> series = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT symbol, count(*), min(open_time), max(open_time) FROM kline "
                     + "WHERE market_type = ? AND interval = ? GROUP BY symbol ORDER BY symbol")) {
            ps.setString(1, market.wire());
            ps.setString(2, interval.wire());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    series.add(new SeriesSummary(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return series;
    }

    public boolean hasBars(MarketType market, String symbol) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT EXISTS (SELECT 1 FROM kline WHERE market_type = ? AND symbol = ?)")) {
            ps.setString(1, market.wire());
            ps.setString(2, symbol);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the kline columns starting at {@code first} (in {@link #KLINE_COLUMNS} order). */
    static Kline kline(ResultSet rs, int first) throws SQLException {
        int i = first;
        return new Kline(rs.getTimestamp(i).toInstant(), rs.getTimestamp(i + 1).toInstant(), rs.getBigDecimal(i + 2),
                rs.getBigDecimal(i + 3), rs.getBigDecimal(i + 4), rs.getBigDecimal(i + 5), rs.getBigDecimal(i + 6),
                rs.getBigDecimal(i + 7), rs.getLong(i + 8), rs.getBigDecimal(i + 9), rs.getBigDecimal(i + 10));
    }

    static String klineColumns(String alias) {
        return alias + "." + KLINE_COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static int setArray(Connection c, PreparedStatement ps, int index, String type, Object[] values, List<Array> arrays)
            throws SQLException {
        Array array = c.createArrayOf(type, values);
        arrays.add(array);
        ps.setArray(index, array);
        return index + 1;
    }

    /** kline-closed events still queued in the outbox: all of them, or those one update run created. */
    public long pendingEvents(UUID updateRun) {
        try (Connection c = dataSource.getConnection()) {
            return KlineOutboxRepository.pending(c, updateRun);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
