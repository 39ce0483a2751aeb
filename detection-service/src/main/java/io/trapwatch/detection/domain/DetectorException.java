package io.trapwatch.detection.domain;

/**
 * A detector could not produce a value from the bars it was given. The engine treats any such
 * failure as "condition not met" for the bar being processed, so the two kinds share this base.
 */
public abstract sealed class DetectorException extends RuntimeException
        permits DataInsufficientException, InvalidDataException {

    private static final long serialVersionUID = 1L;

    protected DetectorException(String message) {
        super(message);
    }
}
