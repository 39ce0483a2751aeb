package io.trapwatch.monitorapi.client;

/**
 * detection-service gave no usable answer: no answer in time, a broken connection, or (subclasses) no connection at
 * all or a 5xx. Counted as a failure by the circuit breaker; only the subclasses are retried, and only on reads.
 */
public class DetectionUnavailableException extends RuntimeException {

    public DetectionUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
