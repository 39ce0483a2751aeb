package io.trapwatch.marketdata.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every tunable of the service, under {@code trapwatch.market-data} (environment: upper case with {@code _}, e.g.
 * {@code TRAPWATCH_MARKET_DATA_OUTBOX_BATCH_SIZE}). Each default is written once: here with {@code @WithDefault}, or,
 * for the few keys a deployment sets under a shorter environment name ({@code TRAPWATCH_BINANCE_SPOT_URL}, …), in
 * {@code application.properties} beside that name.
 */
@ConfigMapping(prefix = "trapwatch.market-data")
public interface MarketDataConfig {

    /** Where K-lines come from: Binance itself, or a recorded data set served by this service (replay). */
    @WithDefault("binance")
    Source source();

    /** The exchange's REST API: where, how fast, how patiently. */
    Binance binance();

    /** K-line updates. */
    Klines klines();

    /** The recorded data set served with {@code source=replay}. */
    Replay replay();

    /** The optional in-process update schedule. */
    Schedule schedule();

    /** The kline-closed outbox drainer. */
    Outbox outbox();

    /** The WebSocket kline streams. */
    Stream stream();

    enum Source { BINANCE, REPLAY }

    interface Binance {
        /**
         * Host of the spot API; the client appends {@code /api/v3}. Default (Binance's) and environment name
         * {@code TRAPWATCH_BINANCE_SPOT_URL}: application.properties.
         */
        URI spotUrl();

        /**
         * Host of the USDT-M futures API; the client appends {@code /fapi/v1}. Default (Binance's) and environment
         * name {@code TRAPWATCH_BINANCE_FUTURES_URL}: application.properties.
         */
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

        /** Time to open a connection to the exchange. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Time to wait for the exchange's answer once connected; a timeout is retried like a 5xx. */
        @WithDefault("30s")
        Duration readTimeout();

        /** Retries after the first attempt for 5xx, 429 and timeouts. */
        @WithDefault("4")
        int maxRetries();

        /** First back-off before a retry; doubles per attempt, with jitter. */
        @WithDefault("500ms")
        Duration retryBaseDelay();

        /** Longest back-off between two retries. */
        @WithDefault("20s")
        Duration retryMaxDelay();

        /** How long a market stays closed after HTTP 418 when the answer has no Retry-After. */
        @WithDefault("5m")
        Duration banDefault();
    }

    interface Klines {
        /**
         * Bars fetched for an instrument that has none stored yet. Default (500) and environment name
         * {@code TRAPWATCH_BACKFILL_DEFAULT}: application.properties.
         */
        int backfill();

        /**
         * Insert transactions of one update running at once. Fetching stays at {@code binance.concurrency}; more
         * concurrent inserts than the database has cores only make them queue for the same CPUs and index pages.
         */
        @WithDefault("2")
        int storeConcurrency();
    }

    interface Replay {
        /**
         * Directory in the layout {@code <market>/exchangeInfo.json}, {@code <market>/klines/<SYMBOL>-<interval>.json}
         * (environment {@code TRAPWATCH_REPLAY_DIR}).
         */
        Optional<Path> dir();

        /**
         * Initial replay clock (environment {@code TRAPWATCH_REPLAY_START}); default: just after the last bar of the
         * data set (everything visible).
         */
        Optional<Instant> start();

        /**
         * Base URL the REST client uses to reach this service's replay endpoints; default: this server on localhost.
         */
        Optional<URI> selfUrl();

        /** How often the replay stream server pings each connection (Binance spot: 20 s). */
        @WithDefault("20s")
        Duration streamPingEvery();
    }

    interface Schedule {
        /**
         * In-process schedule of K-line updates; CronJobs normally do this, so it is off by default. Default and
         * environment name {@code TRAPWATCH_SCHEDULE_ENABLED}: application.properties.
         */
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

    interface Stream {
        /**
         * Closed bars pushed over Binance's WebSocket kline streams into the same store → outbox path as REST. Default
         * (off) and environment name {@code TRAPWATCH_STREAM_ENABLED}: application.properties.
         */
        boolean enabled();

        /**
         * Combined-stream endpoint of spot market data; default {@code wss://stream.binance.com:443/stream}, or this
         * server's {@code /replay/spot/stream} with {@code source=replay} (environment {@code
         * TRAPWATCH_STREAM_SPOT_URL}).
         */
        Optional<URI> spotUrl();

        /**
         * Combined-stream endpoint of USDT-M futures <em>market</em> streams (klines live under {@code /market} since
         * 2026; any other path accepts the connection and sends nothing); default
         * {@code wss://fstream.binance.com/market/stream}, or this server's {@code /replay/futures/market/stream}
         * (environment {@code TRAPWATCH_STREAM_FUTURES_URL}).
         */
        Optional<URI> futuresUrl();

        /**
         * Intervals streamed for every active instrument. Default (1h,4h,1d) and environment name
         * {@code TRAPWATCH_STREAM_INTERVALS}: application.properties.
         */
        List<String> intervals();

        /** Binance: at most 1024 streams on one connection. */
        @WithDefault("1024")
        int maxStreamsPerConnection();

        /** Streams named in one SUBSCRIBE/UNSUBSCRIBE message. */
        @WithDefault("200")
        int streamsPerRequest();

        /** Binance's incoming-message limit per spot connection (pings and pongs included). */
        @WithDefault("5")
        int spotMessagesPerSecond();

        /** Binance's incoming-message limit per futures connection (pings and pongs included). */
        @WithDefault("10")
        int futuresMessagesPerSecond();

        /** Binance: at most 300 connection attempts per {@code connect-window} per IP. */
        @WithDefault("300")
        int connectAttempts();

        /** The window of {@code connect-attempts}. */
        @WithDefault("5m")
        Duration connectWindow();

        /**
         * Binance cuts a connection after 24 h; a new one is opened (overlapping the old) this long after connecting.
         */
        @WithDefault("23h")
        Duration rotateAfter();

        /** First reconnect delay after a drop; doubles per failed attempt, with jitter. */
        @WithDefault("1s")
        Duration reconnectBaseDelay();

        /** Longest reconnect delay. */
        @WithDefault("60s")
        Duration reconnectMaxDelay();

        /** Time to connect, and to wait for the reply to a SUBSCRIBE. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** Closed bars arriving within this window are stored in one statement (a whole candle close at once). */
        @WithDefault("20ms")
        Duration batchWindow();

        /** How often connection age and the wanted streams (active instruments × intervals) are checked. */
        @WithDefault("30s")
        Duration checkEvery();
    }
}
