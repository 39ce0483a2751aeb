package io.trapwatch.marketdata.service;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * Outcome of one K-line update, answered as one flat object ({@code market_type, interval, instruments, bars_saved,
 * events_published, events_queued, failed, rejected_rows, store_ms, publish_ms, elapsed_ms}) made of three small parts.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateResult(String marketType, String interval, int instruments, @JsonUnwrapped Bars bars,
                           @JsonUnwrapped Problems problems, @JsonUnwrapped Timings timings) {

    /**
     * Bars stored and their events. {@code events_published}: events of bars stored by this update that the broker
     * acknowledged before the update returned; {@code events_queued}: the rest, still in the outbox and published by
     * the next drain.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Bars(long barsSaved, long eventsPublished, long eventsQueued) {

        /** {@code saved} bars stored, of whose events {@code queued} were still in the outbox at the end. */
        static Bars savedWithQueued(long saved, long queued) {
            return new Bars(saved, saved - queued, queued);
        }
    }

    /**
     * Symbols that failed as a whole ({@code failed}: the others went on) and rows the exchange sent that failed
     * validation ({@code rejected_rows}: the symbol's other rows were kept), each sorted by symbol.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Problems(List<SymbolError> failed, List<SymbolError> rejectedRows) {
    }

    /**
     * {@code store_ms}: time spent in the insert transactions, summed over the concurrent fetchers; {@code publish_ms}:
     * time of the final outbox drain (events are also published while fetching); {@code elapsed_ms}: the whole update.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Timings(long storeMs, long publishMs, long elapsedMs) {
    }

    public record SymbolError(String symbol, String error) {
    }
}
