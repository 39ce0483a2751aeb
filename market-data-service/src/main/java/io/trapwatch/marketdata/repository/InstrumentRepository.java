package io.trapwatch.marketdata.repository;

import io.agroal.api.AgroalDataSource;
import io.trapwatch.marketdata.domain.ListedInstrument;
import io.trapwatch.model.MarketType;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** JDBC access to {@code market_data.instrument}; callers own the transaction. */
@ApplicationScoped
public class InstrumentRepository {

    private static final String COLUMNS = "symbol, status, base_asset, quote_asset, last_price, first_seen, updated_at";

    private final AgroalDataSource dataSource;

    public InstrumentRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** All instruments of one exchange and market, locked against a concurrent sync. */
    public Map<String, InstrumentRow> lockAll(String exchange, MarketType market) {
        return query("SELECT " + COLUMNS + " FROM instrument WHERE exchange = ? AND market_type = ? ORDER BY symbol FOR UPDATE",
                exchange, market.wire(), null);
    }

    public List<InstrumentRow> list(String exchange, MarketType market, Optional<String> status) {
        String sql = "SELECT " + COLUMNS + " FROM instrument WHERE exchange = ? AND market_type = ?"
                + (status.isPresent() ? " AND status = ?" : "") + " ORDER BY symbol";
        return new ArrayList<>(query(sql, exchange, market.wire(), status.orElse(null)).values());
    }

    public Optional<InstrumentRow> find(String exchange, MarketType market, String symbol) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM instrument WHERE exchange = ? AND market_type = ? AND symbol = ?")) {
            ps.setString(1, exchange);
            ps.setString(2, market.wire());
            ps.setString(3, symbol);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void insertActive(String exchange, MarketType market, Collection<ListedInstrument> listed, Map<String, BigDecimal> prices) {
        batch("INSERT INTO instrument (exchange, market_type, symbol, status, base_asset, quote_asset, last_price, first_seen, updated_at) "
                + "VALUES (?, ?, ?, 'active', ?, ?, ?, now(), now())", listed, (ps, i) -> {
            ps.setString(1, exchange);
            ps.setString(2, market.wire());
            ps.setString(3, i.symbol());
            ps.setString(4, i.baseAsset());
            ps.setString(5, i.quoteAsset());
            ps.setBigDecimal(6, prices.get(i.symbol()));
        });
    }

    /** Marks seen instruments active (reactivating delisted ones); a missing price keeps the stored one. */
    public void refreshActive(String exchange, MarketType market, Collection<ListedInstrument> listed, Map<String, BigDecimal> prices) {
        batch("UPDATE instrument SET status = 'active', base_asset = ?, quote_asset = ?, last_price = COALESCE(?, last_price), "
                + "updated_at = now() WHERE exchange = ? AND market_type = ? AND symbol = ?", listed, (ps, i) -> {
            ps.setString(1, i.baseAsset());
            ps.setString(2, i.quoteAsset());
            ps.setBigDecimal(3, prices.get(i.symbol()));
            ps.setString(4, exchange);
            ps.setString(5, market.wire());
            ps.setString(6, i.symbol());
        });
    }

    public void delist(String exchange, MarketType market, Collection<String> symbols) {
        batch("UPDATE instrument SET status = 'delisted', updated_at = now() "
                + "WHERE exchange = ? AND market_type = ? AND symbol = ? AND status = 'active'", symbols, (ps, s) -> {
            ps.setString(1, exchange);
            ps.setString(2, market.wire());
            ps.setString(3, s);
        });
    }

    public int countActive(String exchange, MarketType market) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM instrument WHERE exchange = ? AND market_type = ? AND status = 'active'")) {
            ps.setString(1, exchange);
            ps.setString(2, market.wire());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, InstrumentRow> query(String sql, String exchange, String market, String status) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, exchange);
            ps.setString(2, market);
            if (status != null) {
                ps.setString(3, status);
            }
            Map<String, InstrumentRow> rows = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    InstrumentRow row = row(rs);
                    rows.put(row.symbol(), row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InstrumentRow row(ResultSet rs) throws SQLException {
        return new InstrumentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)));
    }

    private static java.time.Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    private interface Binder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    private <T> void batch(String sql, Collection<T> items, Binder<T> binder) {
        if (items.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
