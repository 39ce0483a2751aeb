package io.trapwatch.monitorapi.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The read-model projection from the event topics. */
@ConfigMapping(prefix = "trapwatch.monitor-api.projection")
public interface ProjectionConfig {

    /**
     * Attempts of a batch that fails to commit before the channel fails (readiness DOWN; a restart resumes at the
     * last committed offset). Not counted while the database is unreachable: that is retried until it is back.
     */
    @WithDefault("5")
    int attempts();
}
