package io.trapwatch.marketdata.service;

/** The exchange's answer cannot be trusted for this operation, so nothing was changed. */
public class ExchangeAnswerRejectedException extends RuntimeException {
    public ExchangeAnswerRejectedException(String message) {
        super(message);
    }
}
