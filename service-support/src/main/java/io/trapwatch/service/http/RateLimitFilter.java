package io.trapwatch.service.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * 429 with {@code Retry-After} once a client has spent its budget on a limited path. The client is the remote
 * address; behind a proxy, enable {@code quarkus.http.proxy.proxy-address-forwarding} (and trust only that proxy)
 * so the address is the caller's, not the proxy's.
 */
@ApplicationScoped
public class RateLimitFilter {

    /** Ahead of routing and security: a limited client costs no more than this check. */
    private static final int PRIORITY = 1000;

    private final List<String> paths;
    private final double perSecond;
    private final int burst;
    private final int maxClients;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Inject
    public RateLimitFilter(RateLimitConfig config) {
        this.paths = config.paths().orElse(List.of());
        this.perSecond = config.requestsPerSecond();
        this.burst = config.burst();
        this.maxClients = config.maxClients();
    }

    void register(@Observes Filters filters) {
        if (!paths.isEmpty()) {
            filters.register(this::filter, PRIORITY);
        }
    }

    void filter(RoutingContext context) {
        String path = context.normalizedPath();
        if (paths.stream().noneMatch(path::startsWith)) {
            context.next();
            return;
        }
        String client = context.request().remoteAddress() == null ? "unknown" : context.request().remoteAddress().host();
        long waitSeconds = bucketOf(client).take(System.nanoTime());
        if (waitSeconds == 0) {
            context.next();
            return;
        }
        context.response().putHeader("Retry-After", Long.toString(waitSeconds));
        JsonAnswers.error(context, 429, "too many requests",
                "more than " + burst + " requests at once or " + perSecond + " per second from one client; retry after "
                        + waitSeconds + " s");
    }

    private TokenBucket bucketOf(String client) {
        if (buckets.size() >= maxClients) {
            long now = System.nanoTime();
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(client, c -> new TokenBucket(burst, perSecond, System.nanoTime()));
    }
}
