package io.trapwatch.monitorapi.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.monitorapi.domain.CountKey;
import io.trapwatch.monitorapi.domain.DayCountKey;
import io.trapwatch.monitorapi.domain.IndicatorSnapshotView;
import io.trapwatch.monitorapi.domain.MonitorTimes;
import io.trapwatch.service.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

/** Writes of the read model. Called inside the projector's transaction (the data source enlists in it). */
@ApplicationScoped
public class MonitorProjectionRepository {

    /** Arbitrary constant: the key of the advisory lock that makes projections run one at a time. */
    private static final long PROJECTION_LOCK = 0x7472617077617463L;

    private static final String COLUMNS = "monitor_key, version, market_type, symbol, bar_interval, status, trigger_time,"
            + " trigger_price, trigger_volume, trigger_high, trigger_low, phase_1_passed, phase_2_passed, phase_3_passed,"
            + " last_bar_time, last_close, latest_sequence, latest_bar_time, latest_bar_close, latest_reason, latest_indicators,"
            + " created_at, updated_at";
    private static final String UNNEST = "unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::timestamptz[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[], ?::boolean[], ?::boolean[],"
            + " ?::boolean[], ?::timestamptz[], ?::numeric[], ?::int[], ?::timestamptz[], ?::numeric[], ?::text[], ?::text[],"
            + " ?::timestamptz[], ?::timestamptz[])";

    private static final TypeReference<Map<String, Object>> STORED_SNAPSHOT = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public MonitorProjectionRepository(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /**
     * Serialises projections (across threads and instances) until the transaction ends, so the version check
     * and the count grid update can never interleave with another projection.
     */
    public void lockProjection() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            s.setLong(1, PROJECTION_LOCK);
            s.execute();
        }
    }

    public Map<String, StoredMonitor> stored(Collection<String> monitorKeys) throws SQLException {
        Map<String, StoredMonitor> stored = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, monitor_key, version, latest_sequence, market_type, bar_interval, status,"
                     + " trigger_time"
                     + " FROM monitor WHERE monitor_key = ANY(?)")) {
            s.setArray(1, SqlArrays.texts(c, new ArrayList<>(monitorKeys)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(2), new StoredMonitor(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                            MarketType.fromWire(rs.getString(5)), Interval.fromWire(rs.getString(6)),
                            MonitorStatus.fromWire(rs.getString(7)), MonitorReadRepository.instant(rs, 8)));
                }
            }
        }
        return stored;
    }

    /** Inserts new monitors; returns their ids by monitor key. */
    public Map<String, Long> insert(List<MonitorStateChanged> events) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        if (events.isEmpty()) {
            return ids;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO monitor (" + COLUMNS + ") SELECT * FROM " + UNNEST
                     + " RETURNING id, monitor_key")) {
            bindMonitorColumns(c, s, 1, events);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(2), rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Replaces the state of monitors already held (by id) with the events' state. */
    public void update(List<MonitorStateChanged> events, Map<String, Long> ids) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        StringBuilder set = new StringBuilder();
        for (String column : COLUMNS.split(",")) {
            String name = column.trim();
            if (!name.equals("monitor_key")) {
                set.append(set.isEmpty() ? "" : ", ").append(name).append(" = u.").append(name);
            }
        }
        String sql = "UPDATE monitor m SET " + set + " FROM " + UNNEST.replace("unnest(", "unnest(?::bigint[], ")
                + " AS u(id, " + COLUMNS + ") WHERE m.id = u.id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, SqlArrays.longs(c, events.stream().map(e -> ids.get(e.monitorKey())).toList()));
            bindMonitorColumns(c, s, 2, events);
            s.executeUpdate();
        }
    }

    /** Writes transitions (with their snapshots); one already held under the same sequence is overwritten. */
    public void upsertTransitions(List<TransitionRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO monitor_transition (monitor_id, sequence, from_status,"
                     + " to_status, bar_time, bar_close, reason, indicators, recorded_at) SELECT * FROM unnest(?::bigint[],"
                     + " ?::int[], ?::text[], ?::text[], ?::timestamptz[], ?::numeric[], ?::text[], ?::jsonb[], ?::timestamptz[])"
                     + " ON CONFLICT (monitor_id, sequence) DO UPDATE SET from_status = excluded.from_status,"
                     + " to_status = excluded.to_status, bar_time = excluded.bar_time, bar_close = excluded.bar_close,"
                     + " reason = excluded.reason, indicators = excluded.indicators, recorded_at = excluded.recorded_at")) {
            s.setArray(1, SqlArrays.longs(c, map(rows, TransitionRow::monitorId)));
            s.setArray(2, SqlArrays.ints(c, map(rows, r -> r.transition().sequence())));
            s.setArray(3, SqlArrays.texts(c, map(rows, r -> r.transition().from() == null ? null : r.transition().from().wire())));
            s.setArray(4, SqlArrays.texts(c, map(rows, r -> r.transition().to().wire())));
            s.setArray(5, SqlArrays.instants(c, map(rows, r -> r.transition().barTime())));
            s.setArray(6, SqlArrays.decimals(c, map(rows, r -> r.transition().barClose())));
            s.setArray(7, SqlArrays.texts(c, map(rows, r -> r.transition().reason())));
            s.setArray(8, SqlArrays.texts(c, map(rows, r -> json(r.transition().indicators()))));
            s.setArray(9, SqlArrays.instants(c, map(rows, r -> r.transition().recordedAt())));
            s.executeUpdate();
        }
    }

    /** Adds signed deltas to the count grid. */
    public void addCounts(SortedMap<CountKey, Long> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        List<CountKey> keys = new ArrayList<>(deltas.keySet());
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO monitor_count (market_type, bar_interval, status, monitors)"
                     + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[])"
                     + " ON CONFLICT (market_type, bar_interval, status) DO UPDATE SET monitors = monitor_count.monitors + excluded.monitors")) {
            s.setArray(1, SqlArrays.texts(c, map(keys, k -> k.marketType().wire())));
            s.setArray(2, SqlArrays.texts(c, map(keys, k -> k.interval().wire())));
            s.setArray(3, SqlArrays.texts(c, map(keys, k -> k.status().wire())));
            s.setArray(4, SqlArrays.longs(c, map(keys, deltas::get)));
            s.executeUpdate();
        }
    }

    /** Adds signed deltas to the count grid by trigger day (same cells as {@link #addCounts}, split by UTC day). */
    public void addDayCounts(SortedMap<DayCountKey, Long> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        List<DayCountKey> keys = new ArrayList<>(deltas.keySet());
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO monitor_day_count (market_type, bar_interval, status,"
                     + " trigger_day, monitors) SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::date[], ?::bigint[])"
                     + " ON CONFLICT (market_type, bar_interval, status, trigger_day)"
                     + " DO UPDATE SET monitors = monitor_day_count.monitors + excluded.monitors")) {
            s.setArray(1, SqlArrays.texts(c, map(keys, k -> k.cell().marketType().wire())));
            s.setArray(2, SqlArrays.texts(c, map(keys, k -> k.cell().interval().wire())));
            s.setArray(3, SqlArrays.texts(c, map(keys, k -> k.cell().status().wire())));
            s.setArray(4, SqlArrays.texts(c, map(keys, k -> k.day().toString())));
            s.setArray(5, SqlArrays.longs(c, map(keys, deltas::get)));
            s.executeUpdate();
        }
    }

    private void bindMonitorColumns(Connection c, PreparedStatement s, int first, List<MonitorStateChanged> events)
            throws SQLException {
        int i = first;
        s.setArray(i++, SqlArrays.texts(c, map(events, MonitorStateChanged::monitorKey)));
        s.setArray(i++, SqlArrays.ints(c, map(events, MonitorStateChanged::version)));
        s.setArray(i++, SqlArrays.texts(c, map(events, e -> e.marketType().wire())));
        s.setArray(i++, SqlArrays.texts(c, map(events, MonitorStateChanged::symbol)));
        s.setArray(i++, SqlArrays.texts(c, map(events, e -> e.interval().wire())));
        s.setArray(i++, SqlArrays.texts(c, map(events, e -> e.status().wire())));
        s.setArray(i++, SqlArrays.instants(c, map(events, MonitorStateChanged::triggerTime)));
        s.setArray(i++, SqlArrays.decimals(c, map(events, MonitorStateChanged::triggerPrice)));
        s.setArray(i++, SqlArrays.decimals(c, map(events, MonitorStateChanged::triggerVolume)));
        s.setArray(i++, SqlArrays.decimals(c, map(events, MonitorStateChanged::triggerHigh)));
        s.setArray(i++, SqlArrays.decimals(c, map(events, MonitorStateChanged::triggerLow)));
        s.setArray(i++, SqlArrays.booleans(c, map(events, MonitorStateChanged::phase1Passed)));
        s.setArray(i++, SqlArrays.booleans(c, map(events, MonitorStateChanged::phase2Passed)));
        s.setArray(i++, SqlArrays.booleans(c, map(events, MonitorStateChanged::phase3Passed)));
        s.setArray(i++, SqlArrays.instants(c, map(events, MonitorStateChanged::lastBarTime)));
        s.setArray(i++, SqlArrays.decimals(c, map(events, MonitorStateChanged::lastClose)));
        s.setArray(i++, SqlArrays.ints(c, map(events, e -> MonitorTimes.latest(e).sequence())));
        s.setArray(i++, SqlArrays.instants(c, map(events, e -> MonitorTimes.latest(e).barTime())));
        s.setArray(i++, SqlArrays.decimals(c, map(events, e -> MonitorTimes.latest(e).barClose())));
        s.setArray(i++, SqlArrays.texts(c, map(events, e -> MonitorTimes.latest(e).reason())));
        s.setArray(i++, SqlArrays.texts(c, map(events, e -> renderedSnapshot(MonitorTimes.latest(e)))));
        s.setArray(i++, SqlArrays.instants(c, map(events, MonitorTimes::createdAt)));
        s.setArray(i, SqlArrays.instants(c, map(events, MonitorTimes::updatedAt)));
    }

    /**
     * The API's view of a transition's snapshot as JSON text. The snapshot goes through its stored JSON form first,
     * so the numbers are exactly the ones a read of monitor_transition.indicators yields.
     */
    private String renderedSnapshot(MonitorStateChanged.Transition t) {
        try {
            Map<String, Object> values = mapper.readValue(json(t.indicators()), STORED_SNAPSHOT);
            return mapper.writeValueAsString(IndicatorSnapshotView.of(t.sequence(), t.barTime(), t.reason(), t.barClose(), values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("indicator snapshot cannot be rendered as JSON", e);
        }
    }

    private String json(Map<String, Object> indicators) {
        try {
            return mapper.writeValueAsString(indicators == null ? Map.of() : indicators);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("indicator snapshot cannot be written as JSON", e);
        }
    }

    private static <T, R> List<R> map(List<T> items, Function<T, R> f) {
        List<R> out = new ArrayList<>(items.size());
        for (T item : items) {
            out.add(f.apply(item));
        }
        return out;
    }

    /** A transition to write for the monitor with this id. */
    public record TransitionRow(long monitorId, MonitorStateChanged.Transition transition) {
    }
}
