package io.trapwatch.marketdata.metrics;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.service.metrics.OutboxGauges;
import io.trapwatch.service.metrics.SqlGauge;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * This service's metrics at {@code /q/metrics}: bars stored and events published per market and interval
 * (counters since start), ingest lag per market and interval and the outbox (from the tables). Binance weight and
 * rejections are registered by the exchange client.
 */
@ApplicationScoped
@Startup
public class MarketDataMetrics {

    /**
     * Ingest lag of a market and interval: now minus the newest stored close, for the series that is furthest
     * behind among the active instruments (the max over series of each series' lag).
     */
    private static final String INGEST_LAG = """
            SELECT k.market_type, k.interval, extract(epoch FROM now() - min(k.newest_close))
            FROM (SELECT market_type, symbol, interval, max(close_time) AS newest_close
                  FROM kline GROUP BY market_type, symbol, interval) k
            JOIN instrument i ON i.market_type = k.market_type AND i.symbol = k.symbol AND i.status = 'active'
            GROUP BY k.market_type, k.interval""";

    private final MeterRegistry registry;

    public MarketDataMetrics(MeterRegistry registry, AgroalDataSource dataSource) {
        this.registry = registry;
        OutboxGauges.register(registry, dataSource, "kline_outbox");
        List<Tags> series = new ArrayList<>();
        // Every market and interval from the start: a rate() or an alert has a series before the first update.
        for (MarketType market : MarketType.values()) {
            for (Interval interval : Interval.values()) {
                Tags tags = Tags.of("market_type", market.wire(), "interval", interval.wire());
                series.add(tags);
                registry.counter("trapwatch.bars.stored", tags);
                registry.counter("trapwatch.events.published", tags);
            }
        }
        new SqlGauge(registry, "trapwatch.ingest.lag.seconds",
                "Now minus the newest stored close time, for the most lagging active series", List.of("market_type", "interval"),
                series, dataSource, INGEST_LAG);
    }

    public void barsStored(MarketType market, Interval interval, long bars) {
        registry.counter("trapwatch.bars.stored", "market_type", market.wire(), "interval", interval.wire()).increment(bars);
    }
}
