package io.trapwatch.monitorapi.domain;

/** The projector changed {@code monitors} monitors in a transaction (observed once that transaction committed). */
public record ReadModelChanged(int monitors) {
}
