package io.trapwatch.detection.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.trapwatch.detection.domain.ClosedBar;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** A processed bar, kept at full precision so the engine can be rebuilt after a restart from this schema alone. */
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

    public static SeriesBarEntity of(long seriesId, ClosedBar bar) {
        SeriesBarEntity row = new SeriesBarEntity();
        row.seriesId = seriesId;
        row.openTime = bar.openTime();
        row.open = bar.open();
        row.high = bar.high();
        row.low = bar.low();
        row.close = bar.close();
        row.volume = bar.volume();
        return row;
    }

    public ClosedBar toClosedBar() {
        return ClosedBar.of(openTime, open, high, low, close, volume);
    }

    /** The newest {@code count} bars of the series, oldest first. */
    /** The series' bars opening at or after {@code from}, oldest first. */
    public static List<ClosedBar> from(long seriesId, Instant from) {
        return find("seriesId = ?1 and openTime >= ?2 order by openTime", seriesId, from).<SeriesBarEntity>list().stream()
                .map(SeriesBarEntity::toClosedBar).toList();
    }

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
