package io.trapwatch.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;

/** The two Binance markets TrapWatch watches. Part of every key (decision D3). */
public enum MarketType {
    SPOT("spot"),
    FUTURES("futures");

    private final String wire;

    MarketType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Wire names in declaration order, for error messages that list the allowed values. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(MarketType::wire).toList();
    }

    /** Parses the wire name (case-insensitive); unknown values raise {@link IllegalArgumentException}. */
    @JsonCreator
    public static MarketType fromWire(String value) {
        for (MarketType type : values()) {
            if (type.wire.equalsIgnoreCase(value == null ? "" : value.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("market_type must be one of " + wireNames() + ", got '" + value + "'");
    }

    @Override
    public String toString() {
        return wire;
    }
}
