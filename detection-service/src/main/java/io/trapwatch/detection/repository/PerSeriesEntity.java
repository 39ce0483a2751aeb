package io.trapwatch.detection.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** A row that belongs to one series: the three columns naming it, the same in every such table. */
@MappedSuperclass
public abstract class PerSeriesEntity extends PanacheEntityBase {

    /** Query condition for the rows of one series; its parameters are the market type, symbol and interval. */
    static final String OF_SERIES = "marketType = ?1 and symbol = ?2 and interval = ?3";

    @Column(name = "market_type", nullable = false)
    public MarketType marketType;

    @Column(nullable = false)
    public String symbol;

    @Column(name = "kline_interval", nullable = false)
    public Interval interval;

    /** The series this row belongs to. */
    public SeriesKey key() {
        return new SeriesKey(marketType, symbol, interval);
    }
}
