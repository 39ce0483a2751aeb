package io.trapwatch.model.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.trapwatch.model.WireNames;

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
        return WireNames.of(values(), OutcomeStatus::wire);
    }

    @JsonCreator
    public static OutcomeStatus fromWire(String value) {
        return WireNames.parse(values(), OutcomeStatus::wire, value, false, "outcome status");
    }

    @Override
    public String toString() {
        return wire;
    }
}
