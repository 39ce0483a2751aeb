package io.trapwatch.monitorapi.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The read API's response cache: answers of the monitor and backtest lists, details and counts, kept per request with
 * the read-model version they were read at (served only while that version is still the current one).
 */
@ConfigMapping(prefix = "trapwatch.monitor-api.read-cache")
public interface ReadCacheConfig {

    /** Most answers kept; beyond it the least recently used ones are dropped. 0 turns the cache off (ETags stay). */
    @WithDefault("20000")
    int maxEntries();

    /**
     * Most bytes of answer bodies kept (the bodies as sent; a list page of 100 is ~100 KB). Beyond it the least
     * recently used answers are dropped; a single body larger than this is not kept.
     */
    @WithDefault("64000000")
    long maxBytes();

    /**
     * How often the service reads the read model's version from the database, to learn of changes that another
     * instance projected (its own projections update the version at once). This plus one short query is the longest
     * an answer can lag behind another instance's commit.
     */
    @WithDefault("200ms")
    Duration versionPollInterval();
}
