package io.trapwatch.monitorapi.repository;

import io.agroal.api.AgroalDataSource;
import io.trapwatch.model.KlineClosed;
import io.trapwatch.service.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/** Latest close per series; a bar older than (or as old as) the one held changes nothing. */
@ApplicationScoped
public class SeriesPriceRepository {

    private final AgroalDataSource dataSource;

    public SeriesPriceRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One bar per series at most (the caller keeps the newest of a batch). */
    public int keepNewest(Collection<KlineClosed> bars) throws SQLException {
        if (bars.isEmpty()) {
            return 0;
        }
        List<KlineClosed> list = List.copyOf(bars);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO series_price (market_type, symbol, bar_interval, open_time, close)"
                     + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::numeric[])"
                     + " ON CONFLICT (market_type, symbol, bar_interval) DO UPDATE SET open_time = excluded.open_time,"
                     + " close = excluded.close WHERE series_price.open_time < excluded.open_time")) {
            s.setArray(1, SqlArrays.texts(c, list.stream().map(b -> b.marketType().wire()).toList()));
            s.setArray(2, SqlArrays.texts(c, list.stream().map(KlineClosed::symbol).toList()));
            s.setArray(3, SqlArrays.texts(c, list.stream().map(b -> b.interval().wire()).toList()));
            s.setArray(4, SqlArrays.instants(c, list.stream().map(b -> b.kline().openTime()).toList()));
            s.setArray(5, SqlArrays.decimals(c, list.stream().map(b -> b.kline().close()).toList()));
            return s.executeUpdate();
        }
    }
}
