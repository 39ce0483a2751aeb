package io.trapwatch.marketdata.bench;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.trapwatch.infra.PostgresServer;
import io.trapwatch.infra.WeightBudgetStub;
import io.trapwatch.marketdata.repository.KlineRepository;
import io.trapwatch.model.Interval;
import io.trapwatch.model.Kline;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;
import org.flywaydb.core.Flyway;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The store path alone: {@link KlineRepository#insertNew} (bars + outbox rows, one statement and one transaction per
 * page of 1000) on bars already parsed in memory, with no fetching, parsing or publishing competing for the CPU.
 * Runs against its own fresh database after the service process has stopped.
 */
final class StoreOnlyBenchmark {

    record Result(long bars, double seconds, int threads) {
        double barsPerSecond() {
            return bars / seconds;
        }
    }

    private StoreOnlyBenchmark() {
    }

    static Result run(PostgresServer pg, int symbols, int barsPerSymbol, int threads) throws Exception {
        pg.createDatabase("store_only");
        String url = pg.jdbcUrl("store_only");
        Flyway.configure().dataSource(url, pg.username(), pg.password()).schemas("market_data").defaultSchema("market_data")
                .load().migrate();
        List<List<Kline>> pages = new ArrayList<>(symbols);
        long firstOpen = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
        for (int s = 0; s < symbols; s++) {
            pages.add(bars(s, firstOpen, barsPerSymbol));
        }
        try (AgroalDataSource dataSource = dataSource(pg, url, threads)) {
            KlineRepository repository = new KlineRepository(dataSource);
            UUID run = UUID.randomUUID();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long started = System.nanoTime();
            List<Future<Integer>> stored = new ArrayList<>();
            for (int s = 0; s < symbols; s++) {
                SeriesKey series = new SeriesKey(MarketType.SPOT, WeightBudgetStub.Market.SPOT.symbol(s), Interval.H4);
                List<Kline> page = pages.get(s);
                // autocommit: one statement = one transaction per page, as in the service
                stored.add(pool.submit(() -> repository.insertNew(series, page, run)));
            }
            long bars = 0;
            for (Future<Integer> f : stored) {
                bars += f.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            pool.shutdown();
            if (bars != (long) symbols * barsPerSymbol) {
                throw new IllegalStateException("stored " + bars + " bars, expected " + (long) symbols * barsPerSymbol);
            }
            return new Result(bars, seconds, threads);
        }
    }

    /** Bars shaped like the stub's: 8-decimal prices, volumes with 8 decimals. */
    private static List<Kline> bars(int symbol, long firstOpen, int count) {
        List<Kline> bars = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long open = firstOpen + i * IngestBenchmark.H4;
            long k = i + symbol * 7L;
            BigDecimal o = BigDecimal.valueOf(10_000_000_000L + Math.floorMod(k * 7919, 500_000_000L), 8);
            BigDecimal c = BigDecimal.valueOf(10_000_000_000L + Math.floorMod(k * 104729, 500_000_000L), 8);
            BigDecimal h = o.max(c).add(new BigDecimal("0.51230000"));
            BigDecimal l = o.min(c).subtract(new BigDecimal("0.48770000"));
            bars.add(new Kline(Instant.ofEpochMilli(open), Instant.ofEpochMilli(open + IngestBenchmark.H4 - 1), o, h, l, c,
                    new BigDecimal((1000 + Math.floorMod(k, 977)) + ".12345678"), new BigDecimal("123456.78900000"),
                    Math.floorMod(k, 5000), new BigDecimal("500.00000000"), new BigDecimal("61728.39450000")));
        }
        return bars;
    }

    private static AgroalDataSource dataSource(PostgresServer pg, String url, int threads) throws Exception {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(pool -> pool
                .maxSize(threads)
                .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url)
                        .principal(new NamePrincipal(pg.username()))
                        .credential(new SimplePassword(pg.password()))
                        .jdbcProperty("currentSchema", "market_data"))));
    }
}
