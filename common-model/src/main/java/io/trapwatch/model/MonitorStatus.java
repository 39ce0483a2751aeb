package io.trapwatch.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/** The five monitor statuses (decision D10). */
public enum MonitorStatus {
    PENDING("pending", false),
    SUSPECTED_ABANDONMENT("suspected_abandonment", false),
    CONFIRMED_ABANDONMENT("confirmed_abandonment", false),
    INVALIDATED("invalidated", true),
    EXPIRED("expired", true);

    private final String wire;
    private final boolean terminal;

    MonitorStatus(String wire, boolean terminal) {
        this.wire = wire;
        this.terminal = terminal;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Terminal statuses never change again. */
    public boolean isTerminal() {
        return terminal;
    }

    /** A live monitor blocks a new discovery on its series (decision D4). */
    public boolean isLive() {
        return this == PENDING || this == SUSPECTED_ABANDONMENT;
    }

    public static List<String> wireNames() {
        return WireNames.of(values(), MonitorStatus::wire);
    }

    @JsonCreator
    public static MonitorStatus fromWire(String value) {
        return WireNames.parse(values(), MonitorStatus::wire, value, false, "status");
    }

    @Override
    public String toString() {
        return wire;
    }
}
