package io.trapwatch.marketdata.client;

/** A call to the exchange did not produce a usable answer. */
public class ExchangeException extends RuntimeException {
    public ExchangeException(String message) {
        super(message);
    }

    public ExchangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
