package io.trapwatch.monitorapi.service;

import io.trapwatch.model.KlineClosed;
import io.trapwatch.model.SeriesKey;
import io.trapwatch.monitorapi.repository.SeriesPriceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Keeps the close of the newest bar per series, the source of a monitor's current price. */
@ApplicationScoped
public class PriceProjector {

    private final SeriesPriceRepository prices;

    public PriceProjector(SeriesPriceRepository prices) {
        this.prices = prices;
    }

    @Transactional
    public int apply(List<KlineClosed> bars) throws SQLException {
        // Sorted by series so two batches never lock the same rows in opposite orders.
        Map<String, KlineClosed> newest = new TreeMap<>();
        for (KlineClosed bar : bars) {
            newest.merge(new SeriesKey(bar.marketType(), bar.symbol(), bar.interval()).asKafkaKey(), bar,
                    (a, b) -> b.kline().openTime().isAfter(a.kline().openTime()) ? b : a);
        }
        return prices.keepNewest(newest.values());
    }
}
