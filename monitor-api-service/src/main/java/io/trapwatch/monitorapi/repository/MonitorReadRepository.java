package io.trapwatch.monitorapi.repository;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.monitorapi.domain.MonitorFilter;
import io.trapwatch.monitorapi.domain.MonitorOrder;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Queries of the read model in plain SQL: a list page is one count (from a count grid where the filter allows) and
 * one page query.
 */
@ApplicationScoped
public class MonitorReadRepository {

    /**
     * Current price: the newest kline-closed close of the series if it is at least as new as the last bar the
     * monitor's own events reported, else that bar's close, else the latest transition's bar close.
     */
    static final String CURRENT_PRICE = "CASE WHEN sp.open_time IS NOT NULL AND (m.last_bar_time IS NULL OR sp.open_time >= m.last_bar_time)"
            + " THEN sp.close ELSE COALESCE(m.last_close, m.latest_bar_close) END";
    static final String FROM = " FROM monitor m LEFT JOIN series_price sp"
            + " ON sp.market_type = m.market_type AND sp.symbol = m.symbol AND sp.bar_interval = m.bar_interval";
    /** A monitor as {@link #row} reads it: 20 columns of {@code m}, the current price from {@code sp}. */
    static final String COLUMNS = "m.id, m.monitor_key, m.version, m.market_type, m.symbol, m.bar_interval,"
            + " m.status, m.trigger_time, m.trigger_price, m.trigger_volume, m.trigger_high, m.trigger_low,"
            + " m.phase_1_passed, m.phase_2_passed, m.phase_3_passed, m.last_bar_time,"
            + " " + CURRENT_PRICE + " AS current_price,"
            + " m.latest_indicators, m.created_at, m.updated_at";
    static final String SELECT = "SELECT " + COLUMNS + FROM;
    /** {@link #SELECT} with each monitor's outcome ({@code o}, 32 columns as {@link #outcome} reads them) after its columns. */
    private static final String SELECT_WITH_OUTCOME = "SELECT " + COLUMNS + ", " + OutcomeRepository.OUTCOME_COLUMNS + FROM
            + " LEFT JOIN monitor_outcome o ON o.monitor_key = m.monitor_key";
    /** A transition of {@code monitor_transition t} as {@link #transition} reads it: 8 columns. */
    private static final String TRANSITION_COLUMNS = "t.sequence, t.from_status, t.to_status, t.bar_time, t.bar_close,"
            + " t.reason, t.indicators::text, t.recorded_at";
    /**
     * The detail answer in one statement instead of three (monitor, outcome, transitions): one result row per
     * transition, oldest first, each with the monitor's and the outcome's columns (the outcome's null without one).
     */
    private static final String DETAIL = SELECT_WITH_OUTCOME.replace(FROM, ", " + TRANSITION_COLUMNS + FROM)
            + " LEFT JOIN monitor_transition t ON t.monitor_id = m.id WHERE m.id = ? ORDER BY t.sequence";

    /** Where the outcome's columns start in {@link #SELECT_WITH_OUTCOME}, and the transition's in {@link #DETAIL}. */
    private static final int OUTCOME_FIRST = 21;
    private static final int TRANSITION_FIRST = OUTCOME_FIRST + 32;

    private final AgroalDataSource dataSource;

    public MonitorReadRepository(@DataSource("reads") AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long count(MonitorFilter filter) throws SQLException {
        Counting counting = counting(filter);
        String sql = "SELECT COALESCE(" + counting.count() + ", 0) FROM " + counting.table() + counting.where().sql();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            counting.where().bind(s, 1);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * A page in list order (trigger time descending, then id descending) or in the order asked for, each monitor with
     * its outcome (null without one) read in the same statement.
     */
    public List<ListedMonitor> page(MonitorFilter filter, MonitorOrder order, int limit, long offset) throws SQLException {
        String sql;
        SqlWhere where;
        if (order.isDefault()) {
            where = where(filter, true, "");
            // The ids are picked first (index-only where possible), then only the page's rows are joined and read.
            sql = "WITH page AS (SELECT id FROM monitor" + where.sql()
                    + " ORDER BY trigger_time DESC, id DESC LIMIT ? OFFSET ?) " + SELECT_WITH_OUTCOME
                    + " WHERE m.id IN (SELECT id FROM page) ORDER BY m.trigger_time DESC, m.id DESC";
        } else {
            // Sorting by a computed column (current price, change) needs the join before the limit.
            where = where(filter, true, "m.");
            sql = SELECT_WITH_OUTCOME + where.sql() + " ORDER BY " + SortColumns.expression(order)
                    + ", m.trigger_time DESC, m.id DESC LIMIT ? OFFSET ?";
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int next = where.bind(s, 1);
            s.setInt(next, limit);
            s.setLong(next + 1, offset);
            List<ListedMonitor> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new ListedMonitor(row(rs), outcome(rs)));
                }
            }
            return out;
        }
    }

    /** Monitors per status under a filter whose status part is ignored; statuses without monitors are left out. */
    public Map<String, Long> countPerStatus(MonitorFilter filter) throws SQLException {
        Counting counting = counting(filter.anyStatus());
        String sql = "SELECT status, " + counting.count() + " FROM " + counting.table() + counting.where().sql() + " GROUP BY status";
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            counting.where().bind(s, 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    public Optional<MonitorRow> find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SELECT + " WHERE m.id = ?")) {
            s.setLong(1, id);
            return rows(s).stream().findFirst();
        }
    }

    /** A monitor with its outcome and its whole transition log, read in one statement. */
    public Optional<MonitorDetail> detail(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(DETAIL)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                MonitorRow monitor = row(rs);
                OutcomeRow outcome = outcome(rs);
                List<TransitionRecord> transitions = new ArrayList<>();
                do {
                    if (rs.getObject(TRANSITION_FIRST) != null) { // no transition row at all: an empty log
                        transitions.add(transition(rs, TRANSITION_FIRST));
                    }
                } while (rs.next());
                return Optional.of(new MonitorDetail(monitor, outcome, transitions));
            }
        }
    }

    /** Several monitors at once (alerts read every monitor of a round in one query). */
    public List<MonitorRow> findAll(List<Long> ids) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SELECT + " WHERE m.id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("int8", ids.toArray()));
            return rows(s);
        }
    }

    /** The transitions of several monitors, by monitor id, each list ordered by sequence. */
    public Map<Long, List<TransitionRecord>> transitionsOf(List<Long> monitorIds) throws SQLException {
        Map<Long, List<TransitionRecord>> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT t.monitor_id, " + TRANSITION_COLUMNS
                     + " FROM monitor_transition t WHERE t.monitor_id = ANY(?) ORDER BY t.monitor_id, t.sequence")) {
            s.setArray(1, c.createArrayOf("int8", monitorIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(transition(rs, 2));
                }
            }
        }
        return out;
    }

    public List<TransitionRecord> transitions(long monitorId) throws SQLException {
        List<TransitionRecord> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + TRANSITION_COLUMNS
                     + " FROM monitor_transition t WHERE t.monitor_id = ? ORDER BY t.sequence")) {
            s.setLong(1, monitorId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(transition(rs, 1));
                }
            }
        }
        return out;
    }

    /** The count grid, optionally narrowed; cells that dropped to zero are left out. */
    public List<StatusCount> countsByStatus(Optional<String> marketType, Optional<String> interval) throws SQLException {
        SqlWhere where = gridPart(new SqlWhere().and("monitors > 0"), marketType, interval);
        List<StatusCount> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT market_type,"
                + " bar_interval, status, monitors FROM monitor_count" + where.sql() + " ORDER BY market_type, bar_interval, status")) {
            where.bind(s, 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new StatusCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    /** Monitors per market type whose trigger time is at or after {@code since}. */
    public Map<String, Long> triggeredSince(Instant since, Optional<String> marketType, Optional<String> interval)
            throws SQLException {
        SqlWhere where = gridPart(new SqlWhere().and("trigger_time >= ?", SqlWhere.utc(since)), marketType, interval);
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT market_type, COUNT(*) FROM monitor" + where.sql() + " GROUP BY market_type")) {
            where.bind(s, 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** The statistics' optional market type and interval (wire names) added to {@code where}. */
    private static SqlWhere gridPart(SqlWhere where, Optional<String> marketType, Optional<String> interval) {
        marketType.ifPresent(m -> where.and("market_type = ?", m));
        interval.ifPresent(i -> where.and("bar_interval = ?", i));
        return where;
    }

    static List<MonitorRow> rows(PreparedStatement s) throws SQLException {
        List<MonitorRow> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    /** The current result row's first 20 columns, as {@link #SELECT} lists them. */
    static MonitorRow row(ResultSet rs) throws SQLException {
        return new MonitorRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), instant(rs, 8), rs.getBigDecimal(9), rs.getBigDecimal(10),
                rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getBoolean(13), rs.getBoolean(14),
                rs.getBoolean(15), instant(rs, 16), rs.getBigDecimal(17), rs.getString(18), instant(rs, 19),
                instant(rs, 20));
    }

    /** The outcome columns of {@link #SELECT_WITH_OUTCOME}'s current row, null when the monitor has none yet. */
    private static OutcomeRow outcome(ResultSet rs) throws SQLException {
        // o.version (the 11th outcome column) is NOT NULL in its table: null here means no outcome row
        return rs.getObject(OUTCOME_FIRST + 10) == null ? null : OutcomeRepository.row(rs, OUTCOME_FIRST);
    }

    /** The current result row's {@link #TRANSITION_COLUMNS}, the first of them at column {@code first}. */
    private static TransitionRecord transition(ResultSet rs, int first) throws SQLException {
        int c = first - 1;
        return new TransitionRecord(rs.getInt(c + 1), rs.getString(c + 2), rs.getString(c + 3), instant(rs, c + 4),
                rs.getBigDecimal(c + 5), rs.getString(c + 6), rs.getString(c + 7), instant(rs, c + 8));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Where a count is read: the table, what sums it, and the filter's clause for that table. */
    private record Counting(String table, String count, SqlWhere where) {
    }

    /**
     * The cheapest source of a filter's count: the count grid (no symbol, no dates: 30 rows at most), the grid by day
     * (no symbol, whole UTC days: 30 cells per day of the range at most), else the monitors themselves.
     */
    private static Counting counting(MonitorFilter f) {
        if (f.countableFromGrid()) {
            return new Counting("monitor_count", "SUM(monitors)", where(f, false, ""));
        }
        if (f.countableFromDayGrid()) {
            SqlWhere where = where(f, false, "");
            f.triggeredFrom().ifPresent(t -> where.and("trigger_day >= ?", LocalDate.ofInstant(t, ZoneOffset.UTC)));
            f.triggeredBefore().ifPresent(t -> where.and("trigger_day < ?", LocalDate.ofInstant(t, ZoneOffset.UTC)));
            return new Counting("monitor_day_count", "SUM(monitors)", where);
        }
        return new Counting("monitor", "COUNT(*)", where(f, true, ""));
    }

    /**
     * The WHERE clause of a filter, for the monitor table or (its market, status and interval part) a count grid; {@code alias} ("m." or
     * "") qualifies the monitor table's columns in a join.
     */
    static SqlWhere where(MonitorFilter f, boolean monitorTable, String alias) {
        SqlWhere where = new SqlWhere();
        f.marketType().ifPresent(m -> where.and(alias + "market_type = ?", m.wire()));
        where.in(alias + "status", f.statuses().stream().map(MonitorStatus::wire).sorted().toList());
        f.interval().ifPresent(i -> where.and(alias + "bar_interval = ?", i.wire()));
        if (monitorTable) {
            f.symbol().ifPresent(sym -> where.and(alias + "symbol = ?", sym));
            f.triggeredFrom().ifPresent(t -> where.and(alias + "trigger_time >= ?", SqlWhere.utc(t)));
            f.triggeredBefore().ifPresent(t -> where.and(alias + "trigger_time < ?", SqlWhere.utc(t)));
        }
        return where;
    }
}
