package io.trapwatch.monitorapi.client;

/** market-data-service could not give the bars: unreachable/slow, answered an error, or does not know the symbol. */
public class MarketDataFailure extends RuntimeException {

    public enum Kind { UNAVAILABLE, BAD_ANSWER, UNKNOWN_SYMBOL }

    private final Kind kind;

    public MarketDataFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
