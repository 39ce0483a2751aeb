package io.trapwatch.detection.domain;

/** A bar value that makes a detector's computation impossible (detectors.md §0.4). */
public final class InvalidDataException extends DetectorException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final double value;
    private final String context;

    public InvalidDataException(String field, double value, String context) {
        super("invalid " + field + " = " + value + ": " + context);
        this.field = field;
        this.value = value;
        this.context = context;
    }

    public String field() {
        return field;
    }

    public double value() {
        return value;
    }

    public String context() {
        return context;
    }
}
