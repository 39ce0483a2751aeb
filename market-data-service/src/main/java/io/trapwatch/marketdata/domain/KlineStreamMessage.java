package io.trapwatch.marketdata.domain;

import io.trapwatch.model.Kline;
import io.trapwatch.model.SeriesKey;

/** What one text message on a Binance kline stream connection means to the ingest. */
public sealed interface KlineStreamMessage {

    /** A closed kline (Binance's {@code k.x == true}): a bar to store. */
    record Bar(SeriesKey series, Kline kline) implements KlineStreamMessage {
    }

    /**
     * An update of a candle still forming ({@code k.x == false}): nearly all of a stream's traffic (every stream
     * every one or two seconds), counted and dropped unread (nothing of it is stored, so nothing of it is checked).
     */
    record Forming() implements KlineStreamMessage {
    }

    /** The server announces it will go away: open a new connection now. */
    record ServerShutdown(long eventTime) implements KlineStreamMessage {
    }

    /** The answer to one of our SUBSCRIBE/UNSUBSCRIBE requests ({@code error} null when it succeeded). */
    record Reply(long id, String error) implements KlineStreamMessage {
    }

    /** Anything that is not one of the above, with the reason; stores nothing. */
    record Malformed(String reason) implements KlineStreamMessage {
    }
}
