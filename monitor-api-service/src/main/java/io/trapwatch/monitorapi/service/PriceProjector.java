package io.trapwatch.monitorapi.service;

import io.trapwatch.model.KlineClosed;
import io.trapwatch.model.SeriesKey;
import io.trapwatch.monitorapi.domain.NewestEvents;
import io.trapwatch.monitorapi.repository.SeriesPriceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

/** Keeps the close of the newest bar per series, the source of a monitor's current price. */
@ApplicationScoped
public class PriceProjector {

    private final SeriesPriceRepository prices;
    private final ReadModelVersion version;

    public PriceProjector(SeriesPriceRepository prices, ReadModelVersion version) {
        this.prices = prices;
        this.version = version;
    }

    @Transactional
    public int apply(List<KlineClosed> bars) throws SQLException {
        int kept = prices.keepNewest(NewestEvents.byKey(bars,
                bar -> new SeriesKey(bar.marketType(), bar.symbol(), bar.interval()).asKafkaKey(),
                Comparator.comparing(bar -> bar.kline().openTime())).values());
        if (kept > 0) {
            version.raiseInTransaction(); // current prices are part of list and detail answers
        }
        return kept;
    }
}
