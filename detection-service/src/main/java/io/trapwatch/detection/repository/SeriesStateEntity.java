package io.trapwatch.detection.repository;

import io.trapwatch.model.SeriesKey;
import io.trapwatch.service.sql.SqlArrays;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import org.hibernate.Session;
import org.hibernate.jpa.HibernateHints;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The per-series cursor: the open time of the newest processed bar. It is locked and advanced in the
 * transaction that records the bar's effects, so a bar is processed exactly once even when the live
 * consumer and a scan feed the same series at the same time. Rows are loaded read-only and their cursors written by
 * {@link #saveCursors}, one statement for a whole batch instead of Hibernate's dirty check and one update per row.
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

    /** Creates the row on first sight and returns it locked until the end of the current transaction. */
    public static SeriesStateEntity lockOrCreate(SeriesKey key) {
        getEntityManager().createNativeQuery("INSERT INTO detection.series_state (market_type, symbol, kline_interval, updated_at) "
                        + "VALUES (?1, ?2, ?3, now()) ON CONFLICT (market_type, symbol, kline_interval) DO NOTHING")
                .setParameter(1, key.marketType().wire())
                .setParameter(2, key.symbol())
                .setParameter(3, key.interval().wire())
                .executeUpdate();
        return find(OF_SERIES, key.marketType(), key.symbol(), key.interval())
                .<SeriesStateEntity>withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint(HibernateHints.HINT_READ_ONLY, true)
                .singleResult();
    }

    /**
     * {@link #lockOrCreate} for several series with two statements, locking in id order (a consistent order,
     * so two transactions locking overlapping sets wait for each other instead of deadlocking).
     */
    public static List<SeriesStateEntity> lockOrCreateAll(Collection<SeriesKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        StringBuilder values = new StringBuilder();
        StringBuilder match = new StringBuilder();
        int p = 1;
        for (int i = 0; i < keys.size(); i++, p += 3) {
            String sep = i == 0 ? "" : ", ";
            values.append(sep).append("(?").append(p).append(", ?").append(p + 1).append(", ?").append(p + 2).append(", now())");
            match.append(sep).append("(?").append(p).append(", ?").append(p + 1).append(", ?").append(p + 2).append(")");
        }
        var insert = getEntityManager().createNativeQuery("INSERT INTO detection.series_state (market_type, symbol, kline_interval, updated_at) "
                + "VALUES " + values + " ON CONFLICT (market_type, symbol, kline_interval) DO NOTHING");
        var select = getEntityManager().createNativeQuery("SELECT * FROM detection.series_state "
                + "WHERE (market_type, symbol, kline_interval) IN (" + match + ") ORDER BY id FOR UPDATE", SeriesStateEntity.class)
                .setHint(HibernateHints.HINT_READ_ONLY, true);
        p = 1;
        for (SeriesKey key : keys) {
            for (var q : List.of(insert, select)) {
                q.setParameter(p, key.marketType().wire());
                q.setParameter(p + 1, key.symbol());
                q.setParameter(p + 2, key.interval().wire());
            }
            p += 3;
        }
        insert.executeUpdate();
        @SuppressWarnings("unchecked")
        List<SeriesStateEntity> locked = select.getResultList();
        return locked;
    }

    private static final String SAVE_CURSORS = """
            UPDATE detection.series_state s
            SET last_open_time = timestamptz 'epoch' + c.open_ms * interval '1 millisecond', bars_processed = c.bars,
                updated_at = timestamptz 'epoch' + c.updated_ms * interval '1 millisecond'
            FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) AS c(id, open_ms, bars, updated_ms)
            WHERE s.id = c.id
            """;

    /** Writes the cursors of rows locked in this transaction (loaded read-only, so nothing else writes them). */
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
