package io.trapwatch.marketdata.client;

import java.time.Instant;

/** The exchange answered HTTP 418 (IP banned); no call goes to that market until {@link #until()}. */
public class ExchangeBannedException extends ExchangeException {
    private final Instant until;

    public ExchangeBannedException(String market, Instant until) {
        super(market + " API banned this client (HTTP 418); no calls until " + until);
        this.until = until;
    }

    public Instant until() {
        return until;
    }
}
