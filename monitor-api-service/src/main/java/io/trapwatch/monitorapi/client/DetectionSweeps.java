package io.trapwatch.monitorapi.client;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * detection-service's sweeps, called through {@link DetectionExchange} (timeout and the shared circuit breaker).
 * Only the idempotent calls (read, cancel) are retried, twice, and only when nothing reached detection-service (no
 * connection) or it answered 5xx; each retry is a new attempt through the breaker. A start is never repeated: a
 * second one could start the same sweep twice. Override e.g.
 * {@code io.trapwatch.monitorapi.client.DetectionSweeps/find/Retry/maxRetries=3}.
 */
@ApplicationScoped
public class DetectionSweeps {

    private final DetectionApi api;
    private final DetectionExchange exchange;

    public DetectionSweeps(@RestClient DetectionApi api, DetectionExchange exchange) {
        this.api = api;
        this.exchange = exchange;
    }

    public DetectionAnswer start(String authorization, String body) {
        return exchange.exchange(() -> api.start(authorization, body));
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {DetectionUnreachableException.class, DetectionServerErrorException.class})
    public DetectionAnswer find(String id, String top) {
        return exchange.exchange(() -> api.find(id, top));
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {DetectionUnreachableException.class, DetectionServerErrorException.class})
    public DetectionAnswer cancel(String authorization, String id) {
        return exchange.exchange(() -> api.cancel(authorization, id));
    }
}
