package io.trapwatch.marketdata.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * Outcome of one K-line update. {@code events_published}: events of bars stored by this update that the
 * broker acknowledged before the update returned; {@code events_queued}: the rest, still in the outbox and
 * published by the next drain. {@code rejected_rows}: rows the exchange sent that failed validation (the
 * symbol's other rows were kept). {@code store_ms}: time spent in the insert transactions, summed over the
 * concurrent fetchers; {@code publish_ms}: time of the final outbox drain (events are also published while fetching).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateResult(String marketType, String interval, int instruments, long barsSaved, long eventsPublished,
                           long eventsQueued, List<SymbolError> failed, List<SymbolError> rejectedRows,
                           long storeMs, long publishMs, long elapsedMs) {

    public record SymbolError(String symbol, String error) {
    }
}
