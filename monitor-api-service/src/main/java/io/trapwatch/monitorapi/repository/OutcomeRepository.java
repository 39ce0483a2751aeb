package io.trapwatch.monitorapi.repository;

import io.agroal.api.AgroalDataSource;
import io.trapwatch.model.outcome.MonitorOutcome;
import io.trapwatch.model.outcome.OutcomeStatus;
import io.trapwatch.monitorapi.domain.OutcomeFilter;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static io.trapwatch.monitorapi.repository.MonitorReadRepository.instant;

/** The outcome read model in plain SQL: idempotent upserts by version, and the backtest queries. */
@ApplicationScoped
public class OutcomeRepository {

    private static final String COLUMNS = "monitor_key, version, status, observation_bars, bars_observed, trigger_time,"
            + " entry_time, entry_price, lowest_time, lowest_price, bars_to_lowest, max_profit_percent, has_rebound,"
            + " rebound_high_price, rebound_percent, max_drawdown_percent, hold_exit_time, hold_exit_price,"
            + " hold_profit_percent, stop_exit_time, stop_exit_price, stop_profit_percent, stop_exited_by, updated_at";

    /** Applied only when newer than what is stored: redeliveries and reordering change nothing (same statement). */
    private static final String UPSERT = "INSERT INTO monitor_outcome (" + COLUMNS + ") VALUES ("
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (monitor_key) DO UPDATE SET " + updates() + " WHERE monitor_outcome.version < EXCLUDED.version";

    /**
     * An outcome joined with its monitor ({@code o} and {@code m}) as {@link #row} reads it: 32 columns. The monitor
     * reads (a detail, a list page) join them in their own statement, after the monitor's columns.
     */
    static final String OUTCOME_COLUMNS = "m.id, m.monitor_key, m.market_type, m.symbol, m.bar_interval, m.status,"
            + " m.phase_2_passed, m.phase_3_passed, m.trigger_time, m.trigger_price, o.version, o.status, o.observation_bars,"
            + " o.bars_observed, o.entry_time, o.entry_price, o.lowest_time, o.lowest_price, o.bars_to_lowest,"
            + " o.max_profit_percent, o.has_rebound, o.rebound_high_price, o.rebound_percent, o.max_drawdown_percent,"
            + " o.hold_exit_time, o.hold_exit_price, o.hold_profit_percent, o.stop_exit_time, o.stop_exit_price,"
            + " o.stop_profit_percent, o.stop_exited_by, o.updated_at";

    private static final String SELECT = "SELECT " + OUTCOME_COLUMNS
            + " FROM monitor_outcome o JOIN monitor m ON m.monitor_key = o.monitor_key";

    private final AgroalDataSource dataSource;

    public OutcomeRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static String updates() {
        StringBuilder sb = new StringBuilder();
        for (String c : COLUMNS.split(",\\s*")) {
            if (!c.equals("monitor_key")) {
                sb.append(sb.length() == 0 ? "" : ", ").append(c).append(" = EXCLUDED.").append(c);
            }
        }
        return sb.toString();
    }

    /** Writes the outcomes in one JDBC batch; returns how many were new or newer. */
    public int upsert(Collection<MonitorOutcome> outcomes, Instant now) throws SQLException {
        if (outcomes.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(UPSERT)) {
            for (MonitorOutcome o : outcomes) {
                int i = 1;
                s.setString(i++, o.monitorKey());
                s.setInt(i++, o.version());
                s.setString(i++, o.status().wire());
                s.setInt(i++, o.observationBars());
                s.setObject(i++, o.barsObserved());
                s.setObject(i++, utc(o.triggerTime()));
                s.setObject(i++, utc(o.entryTime()));
                s.setBigDecimal(i++, o.entryPrice());
                s.setObject(i++, utc(o.lowestTime()));
                s.setBigDecimal(i++, o.lowestPrice());
                s.setObject(i++, o.barsToLowest());
                s.setBigDecimal(i++, o.maxProfitPercent());
                s.setBoolean(i++, o.hasRebound());
                s.setBigDecimal(i++, o.reboundHighPrice());
                s.setBigDecimal(i++, o.reboundPercent());
                s.setBigDecimal(i++, o.maxDrawdownPercent());
                MonitorOutcome.Exit hold = o.hold();
                s.setObject(i++, hold == null ? null : utc(hold.time()));
                s.setBigDecimal(i++, hold == null ? null : hold.price());
                s.setBigDecimal(i++, hold == null ? null : hold.finalProfitPercent());
                MonitorOutcome.Exit stop = o.invalidationStop();
                s.setObject(i++, stop == null ? null : utc(stop.time()));
                s.setBigDecimal(i++, stop == null ? null : stop.price());
                s.setBigDecimal(i++, stop == null ? null : stop.finalProfitPercent());
                s.setString(i++, stop == null ? null : stop.exitedBy());
                s.setObject(i, utc(now));
                s.addBatch();
            }
            int applied = 0;
            for (int n : s.executeBatch()) {
                applied += Math.max(n, 0);
            }
            return applied;
        }
    }

    public long count(OutcomeFilter filter) throws SQLException {
        SqlWhere where = where(filter);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM monitor_outcome o JOIN monitor m"
                     + " ON m.monitor_key = o.monitor_key" + where.sql())) {
            where.bind(s, 1);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A page in the given order ({@code orderSql} from a whitelist), ties by monitor id descending. */
    public List<OutcomeRow> page(OutcomeFilter filter, String orderSql, int limit, long offset) throws SQLException {
        SqlWhere where = where(filter);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(SELECT + where.sql() + " ORDER BY " + orderSql + ", m.id DESC LIMIT ? OFFSET ?")) {
            int next = where.bind(s, 1);
            s.setInt(next, limit);
            s.setLong(next + 1, offset);
            return rows(s);
        }
    }

    /** Every matching outcome, for the statistics. */
    public List<OutcomeRow> all(OutcomeFilter filter) throws SQLException {
        SqlWhere where = where(filter);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SELECT + where.sql())) {
            where.bind(s, 1);
            return rows(s);
        }
    }

    public Optional<OutcomeRow> byMonitorId(long monitorId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SELECT + " WHERE m.id = ?")) {
            s.setLong(1, monitorId);
            return rows(s).stream().findFirst();
        }
    }

    private static List<OutcomeRow> rows(PreparedStatement s) throws SQLException {
        List<OutcomeRow> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs, 1));
            }
        }
        return out;
    }

    /** The current result row's {@link #OUTCOME_COLUMNS}, the first of them at column {@code first}. */
    static OutcomeRow row(ResultSet rs, int first) throws SQLException {
        int c = first - 1;
        return new OutcomeRow(rs.getLong(c + 1), rs.getString(c + 2), rs.getString(c + 3), rs.getString(c + 4),
                rs.getString(c + 5), rs.getString(c + 6), rs.getBoolean(c + 7), rs.getBoolean(c + 8), instant(rs, c + 9),
                rs.getBigDecimal(c + 10), rs.getInt(c + 11), rs.getString(c + 12), rs.getInt(c + 13),
                (Integer) rs.getObject(c + 14), instant(rs, c + 15), rs.getBigDecimal(c + 16), instant(rs, c + 17),
                rs.getBigDecimal(c + 18), (Integer) rs.getObject(c + 19), rs.getBigDecimal(c + 20), rs.getBoolean(c + 21),
                rs.getBigDecimal(c + 22), rs.getBigDecimal(c + 23), rs.getBigDecimal(c + 24), instant(rs, c + 25),
                rs.getBigDecimal(c + 26), rs.getBigDecimal(c + 27), instant(rs, c + 28), rs.getBigDecimal(c + 29),
                rs.getBigDecimal(c + 30), rs.getString(c + 31), instant(rs, c + 32));
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static SqlWhere where(OutcomeFilter f) {
        SqlWhere where = new SqlWhere();
        f.marketType().ifPresent(v -> where.and("m.market_type = ?", v.wire()));
        f.interval().ifPresent(v -> where.and("m.bar_interval = ?", v.wire()));
        where.in("o.status", f.statuses().stream().map(OutcomeStatus::wire).toList());
        f.monitorStatus().ifPresent(v -> where.and("m.status = ?", v.wire()));
        f.symbol().ifPresent(v -> where.and("m.symbol LIKE ?", "%" + v.toUpperCase() + "%"));
        f.enteredFrom().ifPresent(t -> where.and("o.entry_time >= ?", SqlWhere.utc(t)));
        f.enteredBefore().ifPresent(t -> where.and("o.entry_time < ?", SqlWhere.utc(t)));
        String profit = f.invalidationStop() ? "o.stop_profit_percent" : "o.hold_profit_percent";
        f.profitable().ifPresent(p -> where.and(p ? profit + " > 0" : profit + " <= 0"));
        return where;
    }
}
