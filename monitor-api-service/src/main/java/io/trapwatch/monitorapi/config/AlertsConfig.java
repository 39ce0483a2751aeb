package io.trapwatch.monitorapi.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Alert subscriptions and their delivery (webhooks, Telegram). */
@ConfigMapping(prefix = "trapwatch.monitor-api.alerts")
public interface AlertsConfig {

    /**
     * Base64 of a 16, 24 or 32-byte AES key that encrypts webhook secrets at rest (AES-GCM). Without it webhook
     * subscriptions cannot be created (503); Telegram ones keep only a reference to their token and need no key.
     * Environment {@code TRAPWATCH_ALERTS_SECRET_KEY}; none by default.
     */
    Optional<String> secretKey();

    /**
     * Base URL of the dashboard that alerts link to ({@code <base>/dashboard/monitors/<id>}). Default
     * ({@code http://localhost:8080}) and environment name {@code TRAPWATCH_DASHBOARD_URL}: application.properties.
     */
    String dashboardUrl();

    /** How long the sender waits between polls of the outbox when it has nothing to do. */
    @WithDefault("200ms")
    Duration pollInterval();

    /**
     * While the read model catches up on a backlog of monitor events (it consumed a batch of 100 or more within the
     * last second), the sender only writes incoming results, once per this pause: new transitions stay unmatched,
     * nothing new is handed over and webhook queues hold until it caught up, so that alerts slow the projection by
     * little; live traffic (small batches) is not held back. 0 turns the yield off.
     */
    @WithDefault("250ms")
    Duration catchUpPause();

    /** Attempts per delivery before it is parked as failed. */
    @WithDefault("8")
    int maxAttempts();

    /** Pause before the second attempt; doubled for each further attempt (with jitter), up to {@link #maxBackoff()}. */
    @WithDefault("2s")
    Duration initialBackoff();

    /** The longest pause between two attempts of a delivery. */
    @WithDefault("5m")
    Duration maxBackoff();

    /** Consecutive failed attempts of a subscription (no success in between) after which it is paused. */
    @WithDefault("20")
    int pauseAfterFailures();

    /** Deliveries to webhook URLs. */
    Webhook webhook();

    /** Deliveries through a Telegram bot. */
    Telegram telegram();

    interface Webhook {
        /** Requests in flight at once to one URL; further deliveries to it wait their turn. */
        @WithDefault("4")
        int maxConcurrencyPerUrl();

        /**
         * Deliveries per URL handed to the client beyond those in flight, started as soon as a slot frees: without
         * them a URL would get at most {@link #maxConcurrencyPerUrl()} requests per round of the sender.
         */
        @WithDefault("16")
        int queuePerUrl();

        /** Deliveries waiting in all URLs' queues together: bounds the memory their bodies take. */
        @WithDefault("2000")
        int queueTotal();

        /** Connect + answer time of one webhook call; a slower receiver counts as a failed attempt. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Telegram {
        /**
         * Bot API base URL. Default ({@code https://api.telegram.org}) and environment name
         * {@code TRAPWATCH_TELEGRAM_API_URL}: application.properties.
         */
        String apiUrl();

        /** Messages per chat within {@link #window()}; more transitions than that are merged into one summary. */
        @WithDefault("20")
        int messagesPerWindow();

        /** The rolling window in which {@link #messagesPerWindow()} messages per chat may be sent. */
        @WithDefault("60s")
        Duration window();

        /** Connect + answer time of one Bot API call; a slower answer counts as a failed attempt. */
        @WithDefault("15s")
        Duration timeout();
    }
}
