package io.trapwatch.marketdata.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Every tunable of the service, under {@code trapwatch.market-data}. */
@ConfigMapping(prefix = "trapwatch.market-data")
public interface MarketDataConfig {

    /** Where K-lines come from: Binance itself, or a recorded data set served by this service (replay). */
    @WithDefault("binance")
    Source source();

    Binance binance();

    Klines klines();

    Replay replay();

    Schedule schedule();

    Outbox outbox();

    enum Source { BINANCE, REPLAY }

    interface Binance {
        /** Host of the spot API; the client appends {@code /api/v3}. */
        @WithDefault("https://api.binance.com")
        URI spotUrl();

        /** Host of the USDT-M futures API; the client appends {@code /fapi/v1}. */
        @WithDefault("https://fapi.binance.com")
        URI futuresUrl();

        /** Binance's request-weight budget per minute for /api/v3. */
        @WithDefault("6000")
        int spotWeightPerMinute();

        /** Binance's request-weight budget per minute for /fapi/v1. */
        @WithDefault("2400")
        int futuresWeightPerMinute();

        /** Calls in flight per market. */
        @WithDefault("16")
        int concurrency();

        @WithDefault("5s")
        Duration connectTimeout();

        @WithDefault("30s")
        Duration readTimeout();

        /** Retries after the first attempt for 5xx, 429 and timeouts. */
        @WithDefault("4")
        int maxRetries();

        @WithDefault("500ms")
        Duration retryBaseDelay();

        @WithDefault("20s")
        Duration retryMaxDelay();

        /** How long a market stays closed after HTTP 418 when the answer has no Retry-After. */
        @WithDefault("5m")
        Duration banDefault();
    }

    interface Klines {
        /** Bars fetched for an instrument that has none stored yet. */
        @WithDefault("500")
        int backfill();

        /**
         * Insert transactions of one update running at once. Fetching stays at {@code binance.concurrency}; more
         * concurrent inserts than the database has cores only make them queue for the same CPUs and index pages.
         */
        @WithDefault("2")
        int storeConcurrency();
    }

    interface Replay {
        /** Directory in the layout {@code <market>/exchangeInfo.json}, {@code <market>/klines/<SYMBOL>-<interval>.json}. */
        Optional<Path> dir();

        /** Initial replay clock; default: just after the last bar of the data set (everything visible). */
        Optional<Instant> start();

        /** Base URL the REST client uses to reach this service's replay endpoints; default: this server on localhost. */
        Optional<URI> selfUrl();
    }

    interface Schedule {
        /** In-process schedule of K-line updates; CronJobs normally do this, so it is off by default. */
        @WithDefault("false")
        boolean enabled();

        /** How long after a candle closes the update runs (exchanges publish the last trades late). */
        @WithDefault("2m")
        Duration delayAfterClose();
    }

    interface Outbox {
        /** Outbox rows published per drain round trip. */
        @WithDefault("5000")
        int batchSize();

        /** Period of the background drain (a Quarkus scheduler period, or "off"); every update also drains. */
        @WithDefault("10s")
        String drainEvery();

        /** How long the drainer waits for the broker's acknowledgements of one batch. */
        @WithDefault("30s")
        Duration ackTimeout();
    }
}
