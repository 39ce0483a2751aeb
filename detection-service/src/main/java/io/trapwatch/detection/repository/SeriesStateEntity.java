package io.trapwatch.detection.repository;

import io.trapwatch.model.SeriesKey;
import io.trapwatch.service.sql.SqlArrays;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-series cursor: the open time of the newest processed bar. It is locked and advanced in the
 * transaction that records the bar's effects, so a bar is processed exactly once even when the live
 * consumer and a scan feed the same series at the same time. Locked rows are read and their cursors written with
 * plain statements, one for a whole batch of series, instead of a Hibernate query parsed per batch, a dirty check
 * and an update per row.
 */
@Entity
@Table(name = "series_state")
public class SeriesStateEntity extends PerSeriesEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "last_open_time")
    public Instant lastOpenTime;

    @Column(name = "bars_processed", nullable = false)
    public long barsProcessed;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    private static final String CREATE_MISSING = """
            INSERT INTO detection.series_state (market_type, symbol, kline_interval, updated_at)
            SELECT market_type, symbol, kline_interval, now()
            FROM unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS k(market_type, symbol, kline_interval)
            ON CONFLICT (market_type, symbol, kline_interval) DO NOTHING
            """;
    private static final String LOCK = """
            SELECT s.id, s.market_type, s.symbol, s.kline_interval, s.last_open_time, s.bars_processed, s.updated_at
            FROM detection.series_state s
            JOIN unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS k(market_type, symbol, kline_interval)
              ON s.market_type = k.market_type AND s.symbol = k.symbol AND s.kline_interval = k.kline_interval
            ORDER BY s.id
            FOR UPDATE OF s
            """;

    /** Creates the row on first sight and returns it locked until the end of the current transaction. */
    public static SeriesStateEntity lockOrCreate(SeriesKey key) {
        return lockOrCreateAll(List.of(key)).get(0);
    }

    /**
     * {@link #lockOrCreate} for several series with two constant statements (the keys as arrays), locking in id order
     * (a consistent order, so two transactions locking overlapping sets wait for each other instead of deadlocking).
     * The rows come back as plain objects, not managed by Hibernate: {@link #saveCursors} writes what changes.
     */
    public static List<SeriesStateEntity> lockOrCreateAll(Collection<SeriesKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<String, SeriesKey> byColumns = new HashMap<>();
        keys.forEach(k -> byColumns.put(columns(k.marketType().wire(), k.symbol(), k.interval().wire()), k));
        List<SeriesStateEntity> locked = new ArrayList<>(keys.size());
        getEntityManager().unwrap(Session.class).doWork(c -> {
            try (PreparedStatement create = c.prepareStatement(CREATE_MISSING); PreparedStatement lock = c.prepareStatement(LOCK)) {
                for (PreparedStatement statement : List.of(create, lock)) {
                    statement.setArray(1, SqlArrays.texts(c, keys.stream().map(k -> k.marketType().wire()).toList()));
                    statement.setArray(2, SqlArrays.texts(c, keys.stream().map(SeriesKey::symbol).toList()));
                    statement.setArray(3, SqlArrays.texts(c, keys.stream().map(k -> k.interval().wire()).toList()));
                }
                create.executeUpdate();
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        SeriesKey key = byColumns.get(columns(rows.getString(2), rows.getString(3), rows.getString(4)));
                        SeriesStateEntity state = new SeriesStateEntity();
                        state.id = rows.getLong(1);
                        state.marketType = key.marketType();
                        state.symbol = key.symbol();
                        state.interval = key.interval();
                        OffsetDateTime last = rows.getObject(5, OffsetDateTime.class);
                        state.lastOpenTime = last == null ? null : last.toInstant();
                        state.barsProcessed = rows.getLong(6);
                        state.updatedAt = rows.getObject(7, OffsetDateTime.class).toInstant();
                        locked.add(state);
                    }
                }
            }
        });
        return locked;
    }

    private static String columns(String marketType, String symbol, String interval) {
        return marketType + ':' + symbol + ':' + interval;
    }

    private static final String SAVE_CURSORS = """
            UPDATE detection.series_state s
            SET last_open_time = timestamptz 'epoch' + c.open_ms * interval '1 millisecond', bars_processed = c.bars,
                updated_at = timestamptz 'epoch' + c.updated_ms * interval '1 millisecond'
            FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) AS c(id, open_ms, bars, updated_ms)
            WHERE s.id = c.id
            """;

    /** Writes the cursors of rows locked in this transaction by {@link #lockOrCreateAll}. */
    public static void saveCursors(Collection<SeriesStateEntity> advanced) {
        if (advanced.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(c -> {
            try (PreparedStatement update = c.prepareStatement(SAVE_CURSORS)) {
                update.setArray(1, SqlArrays.longs(c, advanced.stream().map(s -> s.id).toList()));
                update.setArray(2, SqlArrays.longs(c, advanced.stream().map(s -> s.lastOpenTime.toEpochMilli()).toList()));
                update.setArray(3, SqlArrays.longs(c, advanced.stream().map(s -> s.barsProcessed).toList()));
                update.setArray(4, SqlArrays.longs(c, advanced.stream().map(s -> s.updatedAt.toEpochMilli()).toList()));
                update.executeUpdate();
            }
        });
    }

    public static Optional<SeriesStateEntity> findByKey(SeriesKey key) {
        return find(OF_SERIES, key.marketType(), key.symbol(), key.interval()).firstResultOptional();
    }
}
