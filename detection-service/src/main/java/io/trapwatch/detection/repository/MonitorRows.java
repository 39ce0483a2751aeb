package io.trapwatch.detection.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes of {@code monitor}, {@code monitor_transition} and {@code indicator_snapshot} in plain SQL on the
 * transaction's connection (the entities still serve every read). A transition is rare — a few per candle close
 * among thousands of bars — so its code stays interpreted; persisting it through the ORM (cascades, flushes, the
 * transition log loaded for the event) took most of a streamed batch's time, three statements do not.
 */
@ApplicationScoped
public class MonitorRows {

    private static final String MONITOR_COLUMNS = "id, monitor_key, market_type, symbol, kline_interval, trigger_time, "
            + "trigger_price, trigger_high, trigger_low, trigger_volume, status, phase_1_passed, phase_2_passed, "
            + "phase_3_passed, confirm_time, last_bar_time, last_close, version";

    private static final String INSERT_MONITOR = "INSERT INTO detection.monitor (monitor_key, market_type, symbol, "
            + "kline_interval, trigger_time, trigger_price, trigger_high, trigger_low, trigger_volume, status, "
            + "phase_1_passed, phase_2_passed, phase_3_passed, confirm_time, last_bar_time, last_close, version, "
            + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING "
            + MONITOR_COLUMNS;

    private static final String ADVANCE_MONITOR = "UPDATE detection.monitor SET status = ?, phase_1_passed = ?, "
            + "phase_2_passed = ?, phase_3_passed = ?, confirm_time = ?, last_bar_time = ?, last_close = ?, "
            + "version = version + 1, updated_at = ? WHERE monitor_key = ? RETURNING " + MONITOR_COLUMNS;

    private static final String INSERT_TRANSITION = "WITH t AS (INSERT INTO detection.monitor_transition (monitor_id, "
            + "sequence, from_status, to_status, bar_time, bar_close, reason, recorded_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id) "
            + "INSERT INTO detection.indicator_snapshot (transition_id, indicators) SELECT id, ?::jsonb FROM t";

    private static final String TRANSITIONS = "SELECT t.sequence, t.from_status, t.to_status, t.bar_time, t.bar_close, "
            + "t.reason, t.recorded_at, s.indicators::text FROM detection.monitor_transition t "
            + "JOIN detection.indicator_snapshot s ON s.transition_id = t.id WHERE t.monitor_id = ? ORDER BY t.sequence";

    private static final TypeReference<LinkedHashMap<String, Object>> INDICATORS = new TypeReference<>() {
    };

    /** A monitor row as stored after a change (decimals as the database keeps them). */
    public record Monitor(long id, String monitorKey, MarketType marketType, String symbol, Interval interval,
                          Instant triggerTime, BigDecimal triggerPrice, BigDecimal triggerHigh, BigDecimal triggerLow,
                          BigDecimal triggerVolume, MonitorStatus status, boolean phase1Passed, boolean phase2Passed,
                          boolean phase3Passed, Instant confirmTime, Instant lastBarTime, BigDecimal lastClose,
                          int version) {
    }

    /** The values a transition sets on its monitor. */
    public record Change(MonitorStatus status, boolean phase1Passed, boolean phase2Passed, boolean phase3Passed,
                         Instant confirmTime, Instant lastBarTime, BigDecimal lastClose) {
    }

    /** One logged transition with its indicator snapshot; {@code sequence} equals the monitor's version after it. */
    public record Transition(int sequence, MonitorStatus fromStatus, MonitorStatus toStatus, Instant barTime,
                             BigDecimal barClose, String reason, Map<String, Object> indicators, Instant recordedAt) {
    }

    private final EntityManager em;
    private final ObjectMapper mapper;

    public MonitorRows(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** A new monitor at version 1 (its creation is its first transition). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Monitor create(String monitorKey, MarketType market, String symbol, Interval interval, Instant triggerTime,
                          BigDecimal triggerPrice, BigDecimal triggerHigh, BigDecimal triggerLow,
                          BigDecimal triggerVolume, Change change, Instant now) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_MONITOR)) {
                ps.setString(1, monitorKey);
                ps.setString(2, market.wire());
                ps.setString(3, symbol);
                ps.setString(4, interval.wire());
                ps.setObject(5, utc(triggerTime));
                ps.setBigDecimal(6, triggerPrice);
                ps.setBigDecimal(7, triggerHigh);
                ps.setBigDecimal(8, triggerLow);
                ps.setBigDecimal(9, triggerVolume);
                bindChange(ps, 10, change);
                ps.setObject(17, utc(now));
                ps.setObject(18, utc(now));
                return single(ps, monitorKey);
            }
        });
    }

    /** The stored monitor with the change applied and its version raised by one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Monitor advance(String monitorKey, Change change, Instant now) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(ADVANCE_MONITOR)) {
                bindChange(ps, 1, change);
                ps.setObject(8, utc(now));
                ps.setString(9, monitorKey);
                return single(ps, monitorKey);
            }
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void log(long monitorId, Transition t) {
        String indicators;
        try {
            indicators = mapper.writeValueAsString(t.indicators());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("indicators of monitor " + monitorId + " cannot be written as JSON", e);
        }
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_TRANSITION)) {
                ps.setLong(1, monitorId);
                ps.setInt(2, t.sequence());
                ps.setString(3, t.fromStatus() == null ? null : t.fromStatus().wire());
                ps.setString(4, t.toStatus().wire());
                ps.setObject(5, utc(t.barTime()));
                ps.setBigDecimal(6, t.barClose());
                ps.setString(7, t.reason());
                ps.setObject(8, utc(t.recordedAt()));
                ps.setString(9, indicators);
                ps.executeUpdate();
            }
        });
    }

    /** The monitor's transition log, oldest first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Transition> transitions(long monitorId) {
        return session().doReturningWork(c -> {
            List<Transition> log = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(TRANSITIONS)) {
                ps.setLong(1, monitorId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String from = rs.getString(2);
                        log.add(new Transition(rs.getInt(1), from == null ? null : MonitorStatus.fromWire(from),
                                MonitorStatus.fromWire(rs.getString(3)), instant(rs, 4), rs.getBigDecimal(5),
                                rs.getString(6), indicators(rs.getString(8)), instant(rs, 7)));
                    }
                }
            }
            return log;
        });
    }

    private Session session() {
        return em.unwrap(Session.class);
    }

    private Map<String, Object> indicators(String json) {
        try {
            return mapper.readValue(json, INDICATORS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored indicator snapshot is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void bindChange(PreparedStatement ps, int first, Change change) throws SQLException {
        ps.setString(first, change.status().wire());
        ps.setBoolean(first + 1, change.phase1Passed());
        ps.setBoolean(first + 2, change.phase2Passed());
        ps.setBoolean(first + 3, change.phase3Passed());
        ps.setObject(first + 4, change.confirmTime() == null ? null : utc(change.confirmTime()));
        ps.setObject(first + 5, utc(change.lastBarTime()));
        ps.setBigDecimal(first + 6, change.lastClose());
    }

    private static Monitor single(PreparedStatement ps, String monitorKey) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("monitor " + monitorKey + " was never recorded");
            }
            return new Monitor(rs.getLong(1), rs.getString(2), MarketType.fromWire(rs.getString(3)), rs.getString(4),
                    Interval.fromWire(rs.getString(5)), instant(rs, 6), rs.getBigDecimal(7), rs.getBigDecimal(8),
                    rs.getBigDecimal(9), rs.getBigDecimal(10), MonitorStatus.fromWire(rs.getString(11)),
                    rs.getBoolean(12), rs.getBoolean(13), rs.getBoolean(14), instant(rs, 15), instant(rs, 16),
                    rs.getBigDecimal(17), rs.getInt(18));
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
