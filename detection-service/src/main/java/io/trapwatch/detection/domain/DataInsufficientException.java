package io.trapwatch.detection.domain;

/** Too few bars for a detector (detectors.md §0.4). */
public final class DataInsufficientException extends DetectorException {

    private static final long serialVersionUID = 1L;

    /** Placeholder that list-input detectors put in {@code symbol} and {@code interval}. */
    public static final String NOT_AVAILABLE = "N/A";

    private final int required;
    private final int actual;
    private final String symbol;
    private final String interval;

    public DataInsufficientException(int required, int actual, String symbol, String interval) {
        super("insufficient data for " + symbol + " " + interval + ": required " + required + " bars, actual " + actual);
        this.required = required;
        this.actual = actual;
        this.symbol = symbol;
        this.interval = interval;
    }

    /** The form used by detectors that receive bars rather than look them up. */
    public static DataInsufficientException forBars(int required, int actual) {
        return new DataInsufficientException(required, actual, NOT_AVAILABLE, NOT_AVAILABLE);
    }

    public int required() {
        return required;
    }

    public int actual() {
        return actual;
    }

    public String symbol() {
        return symbol;
    }

    public String interval() {
        return interval;
    }
}
