package io.trapwatch.marketdata.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/**
 * State of the kline streams. Per market: {@code bars_received} closed bars that arrived (a bar seen on two
 * connections during a renewal counts twice), {@code bars_stored} those that were new; {@code not_closed}
 * updates of forming candles (ignored); {@code malformed} messages that were no valid kline, reply or shutdown
 * notice; {@code reconnects} connections lost; {@code rotations} connections renewed before the 24 h cut-off or on
 * serverShutdown; {@code gap_fill_bars} bars stored by the REST fills after connecting ({@code gap_fills_running} now).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StreamStatus(boolean enabled, List<String> intervals, List<MarketStatus> markets) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MarketStatus(String marketType, String url, List<Connection> connections, int streams,
                               Instant lastMessageAt, long messages, long barsReceived, long barsStored, long notClosed,
                               long malformed, String lastMalformed, long reconnects, long rotations,
                               long connectFailures, long gapFillBars, long gapFillFailures, int gapFillsRunning) {
    }

    /** state: connecting, streaming or reconnecting; renewing: a new connection for these streams is being opened. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Connection(String state, int streams, Instant connectedSince, Instant lastMessageAt, boolean renewing) {
    }
}
