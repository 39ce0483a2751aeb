package io.trapwatch.detection.client;

/**
 * market-data-service could not answer: it failed (5xx), could not be reached in time, or stays closed off by the
 * circuit breaker after repeated failures. Worth trying again later; the message says which it was.
 */
public class MarketDataUnavailableException extends RuntimeException {

    public MarketDataUnavailableException(String message) {
        super(message);
    }

    public MarketDataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
