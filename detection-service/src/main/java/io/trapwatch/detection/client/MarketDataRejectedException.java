package io.trapwatch.detection.client;

/**
 * market-data-service refused the request (4xx, e.g. an unknown symbol). The same request would be refused again, so
 * it is never retried and does not count against the circuit breaker.
 */
public class MarketDataRejectedException extends RuntimeException {

    public MarketDataRejectedException(String message) {
        super(message);
    }
}
