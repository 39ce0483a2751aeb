package io.trapwatch.service.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** Per-client request budget on public read paths (a token bucket per client address). */
@ConfigMapping(prefix = "trapwatch.rate-limit")
public interface RateLimitConfig {

    /** Path prefixes that are limited; none (the default) turns the limiter off. */
    Optional<List<String>> paths();

    /**
     * Sustained requests per second per client. Default (20) and environment name {@code TRAPWATCH_RATE_LIMIT_PER_SECOND}:
     * service-support's microprofile-config.properties.
     */
    double requestsPerSecond();

    /**
     * Requests a client may send at once after being idle. Default (40) and environment name
     * {@code TRAPWATCH_RATE_LIMIT_BURST}: service-support's microprofile-config.properties.
     */
    int burst();

    /**
     * Clients tracked at once; beyond it, idle clients (full buckets) are forgotten. Bounds memory under a flood
     * of spoofed addresses.
     */
    @WithDefault("100000")
    int maxClients();
}
