package io.trapwatch.monitorapi.client;

/**
 * market-data-service could not give the bars: unreachable/slow, answered an error, or does not know the symbol. The
 * subclasses are what {@link MarketDataClient}'s fault tolerance tells apart: {@link Unavailable} (no answer in time)
 * and {@link ServerError} (5xx) count against the circuit breaker, {@link Unreachable} (no connection) and
 * {@link ServerError} are retried; a 404 or a body that breaks the contract is neither.
 */
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

    /** No answer in time, or the connection broke. */
    public static class Unavailable extends MarketDataFailure {
        public Unavailable(String message, Throwable cause) {
            super(Kind.UNAVAILABLE, message, cause);
        }
    }

    /** No connection at all (refused, unknown host, connect timeout): nothing reached market-data-service. */
    public static class Unreachable extends Unavailable {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** market-data-service answered 5xx. */
    public static class ServerError extends MarketDataFailure {
        public ServerError(int status, Throwable cause) {
            super(Kind.BAD_ANSWER, "market-data-service answered HTTP " + status, cause);
        }
    }
}
