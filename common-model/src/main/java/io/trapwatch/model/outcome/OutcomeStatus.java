package io.trapwatch.model.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;

/** Where a monitor's outcome stands (decision D18.3: no bar after the trigger yet, still observing, or done). */
public enum OutcomeStatus {
    /** No bar follows the trigger bar yet: no entry. */
    INSUFFICIENT_DATA("insufficient_data"),
    /** Entered; the observation window is still filling (always, with {@code observation_bars = 0}). */
    OPEN("open"),
    /** The window is full; the outcome never changes again. */
    COMPLETED("completed");

    private final String wire;

    OutcomeStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(OutcomeStatus::wire).toList();
    }

    @JsonCreator
    public static OutcomeStatus fromWire(String value) {
        for (OutcomeStatus status : values()) {
            if (status.wire.equals(value == null ? "" : value.trim())) {
                return status;
            }
        }
        throw new IllegalArgumentException("outcome status must be one of " + wireNames() + ", got '" + value + "'");
    }

    @Override
    public String toString() {
        return wire;
    }
}
