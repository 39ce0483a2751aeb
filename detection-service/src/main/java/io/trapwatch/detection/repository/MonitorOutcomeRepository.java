package io.trapwatch.detection.repository;

import io.trapwatch.detection.domain.OutcomeState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code detection.monitor_outcome} in plain SQL: the live path moves thousands of open outcomes per burst, so they
 * are read in one query and written in one set-based statement per transaction instead of one managed entity and
 * UPDATE each (see V2__monitor_outcome.sql for the columns).
 */
@ApplicationScoped
public class MonitorOutcomeRepository {

    private static final String COLUMNS = "monitor_key, series_id, version, observation_bars, trigger_time, "
            + "trigger_close, observed, entry_time, entry_price, lowest_index, lowest_time, lowest_price, rebound_high, "
            + "max_high, stop_index, stop_time, stop_price, last_time, last_close";

    /** Epoch milliseconds to a timestamp, exactly (NULL stays NULL). */
    private static String time(String column) {
        return "timestamptz 'epoch' + u." + column + " * interval '1 millisecond'";
    }

    private static final String UPSERT = "INSERT INTO detection.monitor_outcome (" + COLUMNS + ", status, updated_at) "
            + "SELECT u.k, u.s, u.v, u.ob, " + time("tt") + ", u.tc, u.o, " + time("et") + ", u.ep, u.li, "
            + time("lt") + ", u.lp, u.rh, u.mh, u.si, " + time("stt") + ", u.sp, " + time("lat") + ", u.lc, u.st, ? "
            + "FROM unnest(?::varchar[], ?::bigint[], ?::int[], ?::int[], ?::bigint[], ?::numeric[], ?::int[], "
            + "?::bigint[], ?::numeric[], ?::int[], ?::bigint[], ?::numeric[], ?::numeric[], ?::numeric[], ?::int[], "
            + "?::bigint[], ?::numeric[], ?::bigint[], ?::numeric[], ?::varchar[]) "
            + "AS u(k, s, v, ob, tt, tc, o, et, ep, li, lt, lp, rh, mh, si, stt, sp, lat, lc, st) "
            + "ON CONFLICT (monitor_key) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status, "
            + "observation_bars = EXCLUDED.observation_bars, observed = EXCLUDED.observed, "
            + "entry_time = EXCLUDED.entry_time, entry_price = EXCLUDED.entry_price, "
            + "lowest_index = EXCLUDED.lowest_index, lowest_time = EXCLUDED.lowest_time, "
            + "lowest_price = EXCLUDED.lowest_price, rebound_high = EXCLUDED.rebound_high, max_high = EXCLUDED.max_high, "
            + "stop_index = EXCLUDED.stop_index, stop_time = EXCLUDED.stop_time, stop_price = EXCLUDED.stop_price, "
            + "last_time = EXCLUDED.last_time, last_close = EXCLUDED.last_close, updated_at = EXCLUDED.updated_at";

    private final EntityManager em;

    public MonitorOutcomeRepository(EntityManager em) {
        this.em = em;
    }

    /** The unfinished (not completed) outcomes of the given series, by series id, oldest trigger first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, List<MonitorOutcomeRow>> unfinishedOf(Collection<Long> seriesIds) {
        if (seriesIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<MonitorOutcomeRow>> bySeries = new LinkedHashMap<>();
        select("WHERE series_id = ANY (?) AND status <> 'completed' ORDER BY trigger_time",
                c -> c.createArrayOf("bigint", seriesIds.toArray(Long[]::new)))
                .forEach(row -> bySeries.computeIfAbsent(row.seriesId(), id -> new ArrayList<>()).add(row));
        return bySeries;
    }

    /** The stored outcomes among the given monitors, by monitor key (one query). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, MonitorOutcomeRow> byKeys(Collection<String> monitorKeys) {
        Map<String, MonitorOutcomeRow> byKey = new LinkedHashMap<>();
        if (!monitorKeys.isEmpty()) {
            select("WHERE monitor_key = ANY (?)", c -> c.createArrayOf("varchar", monitorKeys.toArray(String[]::new)))
                    .forEach(row -> byKey.put(row.monitorKey(), row));
        }
        return byKey;
    }

    /** Inserts new outcomes and overwrites the stored ones, in one statement; each key at most once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void save(List<MonitorOutcomeRow> rows, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setTimestamp(1, Timestamp.from(now));
                bindColumns(c, ps, 2, rows);
                ps.executeUpdate();
            }
        });
    }

    private interface Parameter {
        Object of(Connection c) throws SQLException;
    }

    private List<MonitorOutcomeRow> select(String where, Parameter parameter) {
        List<MonitorOutcomeRow> rows = new ArrayList<>();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM detection.monitor_outcome " + where)) {
                ps.setObject(1, parameter.of(c));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(read(rs));
                    }
                }
            }
        });
        return rows;
    }

    private static MonitorOutcomeRow read(ResultSet rs) throws SQLException {
        OutcomeState state = new OutcomeState(millis(rs, 5), number(rs, 6), rs.getInt(4), index(rs, 7), millis(rs, 8),
                number(rs, 9), index(rs, 10), millis(rs, 11), number(rs, 12), number(rs, 13), number(rs, 14),
                index(rs, 15), millis(rs, 16), number(rs, 17), millis(rs, 18), number(rs, 19));
        return new MonitorOutcomeRow(rs.getString(1), rs.getLong(2), rs.getInt(3), state);
    }

    private static long millis(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? 0 : time.toInstant().toEpochMilli();
    }

    private static int index(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? OutcomeState.NONE : value;
    }

    private static double number(ResultSet rs, int column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? Double.NaN : value.doubleValue();
    }

    /** The SQL type of each of {@link #UPSERT}'s unnest arrays, in order. */
    private static final String[] TYPES = {"varchar", "bigint", "int4", "int4", "bigint", "numeric", "int4", "bigint",
            "numeric", "int4", "bigint", "numeric", "numeric", "numeric", "int4", "bigint", "numeric", "bigint", "numeric",
            "varchar"};

    /** One row's values in the order of {@link #TYPES}; "none yet" (-1 index, NaN price) as NULL. */
    private static Object[] values(MonitorOutcomeRow row) {
        OutcomeState s = row.state();
        boolean entered = s.observed() != OutcomeState.NONE;
        boolean lowest = s.lowestIndex() != OutcomeState.NONE;
        boolean stopped = s.stopIndex() != OutcomeState.NONE;
        return new Object[]{row.monitorKey(), row.seriesId(), row.version(), s.observationBars(), s.triggerTime(),
                decimal(s.triggerClose()), s.observed(), entered ? s.entryTime() : null, decimal(s.entryPrice()),
                lowest ? s.lowestIndex() : null, lowest ? s.lowestTime() : null, decimal(s.lowestPrice()),
                decimal(s.reboundHigh()), decimal(s.maxHigh()), stopped ? s.stopIndex() : null,
                stopped ? s.stopTime() : null, decimal(s.stopPrice()), s.lastTime(), decimal(s.lastClose()),
                s.status().wire()};
    }

    /** Binds the rows column by column as typed arrays, from parameter {@code first} on. */
    private static void bindColumns(Connection c, PreparedStatement ps, int first, List<MonitorOutcomeRow> rows)
            throws SQLException {
        List<Object[]> values = rows.stream().map(MonitorOutcomeRepository::values).toList();
        for (int column = 0; column < TYPES.length; column++) {
            Object[] array = switch (TYPES[column]) {
                case "varchar" -> new String[rows.size()];
                case "bigint" -> new Long[rows.size()];
                case "int4" -> new Integer[rows.size()];
                default -> new BigDecimal[rows.size()];
            };
            for (int i = 0; i < array.length; i++) {
                array[i] = values.get(i)[column];
            }
            ps.setArray(first + column, c.createArrayOf(TYPES[column], array));
        }
    }

    /** Exact: the shortest decimal of a bar value's double is the exchange's decimal it was parsed from. */
    private static BigDecimal decimal(double value) {
        return Double.isNaN(value) ? null : BigDecimal.valueOf(value);
    }
}
