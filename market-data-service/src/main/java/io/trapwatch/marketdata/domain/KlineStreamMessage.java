package io.trapwatch.marketdata.domain;

import io.trapwatch.model.Kline;
import io.trapwatch.model.SeriesKey;

/** What one text message on a Binance kline stream connection means to the ingest. */
public sealed interface KlineStreamMessage {

    /** A kline update; only {@code closed} ones (Binance's {@code k.x == true}) are bars to store. */
    record Bar(SeriesKey series, Kline kline, boolean closed) implements KlineStreamMessage {
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
