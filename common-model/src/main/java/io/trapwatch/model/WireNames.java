package io.trapwatch.model;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The wire names of the enums that travel in events, URLs and columns ({@code spot}, {@code 1h},
 * {@code suspected_abandonment}, …): the one list and the one parser behind each enum's {@code wireNames()} and
 * {@code fromWire(…)}.
 */
public final class WireNames {

    private WireNames() {
    }

    /** The wire names in declaration order, for messages that list the allowed values. */
    public static <E extends Enum<E>> List<String> of(E[] values, Function<E, String> wire) {
        return Arrays.stream(values).map(wire).toList();
    }

    /**
     * The constant whose wire name is {@code value} (trimmed; exact, or ignoring case where the reference did);
     * anything else raises {@link IllegalArgumentException} naming {@code what} and the allowed values.
     */
    public static <E extends Enum<E>> E parse(E[] values, Function<E, String> wire, String value, boolean ignoreCase,
                                              String what) {
        String given = value == null ? "" : value.trim();
        for (E constant : values) {
            String name = wire.apply(constant);
            if (ignoreCase ? name.equalsIgnoreCase(given) : name.equals(given)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(what + " must be one of " + of(values, wire) + ", got '" + value + "'");
    }
}
