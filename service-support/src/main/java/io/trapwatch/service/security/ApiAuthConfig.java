package io.trapwatch.service.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call the write endpoints (every method but GET, HEAD and OPTIONS). Defaults live in this module's
 * {@code META-INF/microprofile-config.properties}, so every service gets them without repeating them.
 */
@ConfigMapping(prefix = "trapwatch.auth")
public interface ApiAuthConfig {

    /**
     * Static bearer tokens for machine callers (CronJobs, the local run), by a name that only appears in logs.
     * Shipped entries: {@code operator} (env {@code TRAPWATCH_API_TOKEN}) and {@code operator-next}
     * (env {@code TRAPWATCH_API_TOKEN_NEXT}, for rotation: both are accepted while callers switch).
     * An entry without a value is ignored; with no token at all, writes are refused to everyone but OIDC users.
     */
    Map<String, StaticToken> tokens();

    /** The role a caller needs for any write request. */
    @WithDefault("operator")
    String operatorRole();

    /**
     * Path prefixes whose write requests need no token (none by default: a new endpoint is protected unless it is
     * listed here on purpose).
     */
    Optional<List<String>> publicWritePaths();

    /**
     * Path prefixes whose reads need the operator role too (none by default): reads that show what only operators
     * may see, such as alert subscriptions and their deliveries (webhook URLs, chat ids).
     */
    Optional<List<String>> protectedReadPaths();

    interface StaticToken {
        /** The secret; compared in constant time. */
        Optional<String> value();

        /** The roles a caller presenting it gets. */
        @WithDefault("operator")
        List<String> roles();
    }
}
