package io.trapwatch.detection.client;

import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads stored bars from market-data-service, page by page (the API returns at most 1000 per call). */
@ApplicationScoped
public class MarketDataBars {

    static final int PAGE = 1000;

    @Inject
    @RestClient
    MarketDataApi api;

    /** Bars with {@code from <= open_time <= to} (either bound null = open), oldest first. */
    public List<ClosedBar> between(SeriesKey series, Instant from, Instant to) {
        List<ClosedBar> all = new ArrayList<>();
        pages(series, from, to, all::addAll);
        return all;
    }

    /** Streams the same bars page by page, so a long catch-up never holds a whole history in one transaction. */
    public void pages(SeriesKey series, Instant from, Instant to, Consumer<List<ClosedBar>> pageConsumer) {
        Instant next = from;
        while (true) {
            byte[] page = api.klines(series.marketType().wire(), series.symbol(), series.interval().wire(),
                    next == null ? null : next.toString(), to == null ? null : to.toString(), PAGE);
            List<ClosedBar> bars = KlinePageReader.read(page, series.toString());
            if (bars.isEmpty()) {
                return;
            }
            pageConsumer.accept(bars);
            if (bars.size() < PAGE) {
                return;
            }
            next = bars.get(bars.size() - 1).openTime().plusMillis(1);
        }
    }

    public List<String> symbols(MarketType marketType, Interval interval) {
        SeriesList list = api.series(marketType.wire(), interval.wire());
        return list.series() == null ? List.of() : list.series().stream().map(SeriesList.Entry::symbol).toList();
    }
}
