package io.trapwatch.detection.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.service.sql.SqlArrays;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.Session;

import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A processed bar, kept at full precision so the engine can be rebuilt after a restart from this schema alone. Read as
 * an entity; written by {@link #insertAll}, a whole consumer batch in one statement.
 */
@Entity
@Table(name = "series_bar")
@IdClass(SeriesBarEntity.Key.class)
public class SeriesBarEntity extends PanacheEntityBase {

    @Id
    @Column(name = "series_id")
    public long seriesId;

    @Id
    @Column(name = "open_time")
    public Instant openTime;

    @Column(nullable = false, precision = 38, scale = 18)
    public BigDecimal open;

    @Column(nullable = false, precision = 38, scale = 18)
    public BigDecimal high;

    @Column(nullable = false, precision = 38, scale = 18)
    public BigDecimal low;

    @Column(nullable = false, precision = 38, scale = 18)
    public BigDecimal close;

    @Column(nullable = false, precision = 38, scale = 18)
    public BigDecimal volume;

    /** A bar of a series, to be stored by {@link #insertAll}. */
    public record NewBar(long seriesId, ClosedBar bar) {
    }

    private static final String INSERT_ALL = """
            INSERT INTO detection.series_bar (series_id, open_time, open, high, low, close, volume)
            SELECT series_id, timestamptz 'epoch' + open_ms * interval '1 millisecond', open, high, low, close, volume
            FROM unnest(?::bigint[], ?::bigint[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[])
                AS b(series_id, open_ms, open, high, low, close, volume)
            """;

    /**
     * Stores the bars in one statement, the columns as arrays: a burst of 3,000 series is one round trip instead of
     * 3,000 entity inserts (Hibernate's per-entity insert, flush and sort were the largest part of a batch's commit).
     */
    public static void insertAll(List<NewBar> bars) {
        if (bars.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT_ALL)) {
                insert.setArray(1, SqlArrays.longs(c, bars.stream().map(NewBar::seriesId).toList()));
                insert.setArray(2, SqlArrays.longs(c, bars.stream().map(b -> b.bar().openTimeMillis()).toList()));
                List<Function<ClosedBar, BigDecimal>> columns = List.of(ClosedBar::open, ClosedBar::high, ClosedBar::low,
                        ClosedBar::close, ClosedBar::volume);
                int index = 3;
                for (Function<ClosedBar, BigDecimal> column : columns) {
                    insert.setArray(index++, SqlArrays.decimals(c, bars.stream().map(b -> column.apply(b.bar())).toList()));
                }
                insert.executeUpdate();
            }
        });
    }

    public ClosedBar toClosedBar() {
        return ClosedBar.of(openTime, open, high, low, close, volume);
    }

    /** The series' bars opening at or after {@code from}, oldest first. */
    public static List<ClosedBar> from(long seriesId, Instant from) {
        return find("seriesId = ?1 and openTime >= ?2 order by openTime", seriesId, from).<SeriesBarEntity>list().stream()
                .map(SeriesBarEntity::toClosedBar).toList();
    }

    /** The newest {@code count} bars of the series, oldest first. */
    public static List<ClosedBar> latest(long seriesId, int count) {
        List<SeriesBarEntity> newestFirst = find("seriesId = ?1 order by openTime desc", seriesId).page(0, count).list();
        List<ClosedBar> bars = new ArrayList<>(newestFirst.size());
        for (SeriesBarEntity row : newestFirst) {
            bars.add(row.toClosedBar());
        }
        Collections.reverse(bars);
        return bars;
    }

    public static class Key implements Serializable {
        public long seriesId;
        public Instant openTime;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.seriesId == seriesId && Objects.equals(k.openTime, openTime);
        }

        @Override
        public int hashCode() {
            return Objects.hash(seriesId, openTime);
        }
    }
}
