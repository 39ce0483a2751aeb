package io.trapwatch.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

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
        return WireNames.of(values(), MarketType::wire);
    }

    /** Parses the wire name (case-insensitive); unknown values raise {@link IllegalArgumentException}. */
    @JsonCreator
    public static MarketType fromWire(String value) {
        return WireNames.parse(values(), MarketType::wire, value, true, "market_type");
    }

    @Override
    public String toString() {
        return wire;
    }
}
