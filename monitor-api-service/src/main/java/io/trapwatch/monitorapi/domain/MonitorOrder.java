package io.trapwatch.monitorapi.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The order of a list page: one sortable column, ascending or descending; ties always fall back to trigger time
 * descending, then id descending, so pages never overlap. Interval and status sort in their natural order
 * (1h, 4h, 1d; the lifecycle pending to expired), not alphabetically.
 */
public record MonitorOrder(Column column, boolean descending) {

    public static final MonitorOrder NEWEST_FIRST = new MonitorOrder(Column.TRIGGER_TIME, true);

    public enum Column {
        SYMBOL("symbol"), MARKET_TYPE("market_type"), INTERVAL("interval"), STATUS("status"),
        TRIGGER_TIME("trigger_time"), TRIGGER_PRICE("trigger_price"), CURRENT_PRICE("current_price"),
        PRICE_CHANGE_PERCENT("price_change_percent");

        private final String wire;

        Column(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** Accepted spellings: a column name, optionally prefixed with '-' for descending. */
    public static List<String> wireNames() {
        return Arrays.stream(Column.values()).flatMap(c -> List.of(c.wire, "-" + c.wire).stream()).toList();
    }

    public static Optional<MonitorOrder> fromWire(String value) {
        boolean descending = value.startsWith("-");
        String name = descending ? value.substring(1) : value;
        return Arrays.stream(Column.values()).filter(c -> c.wire.equals(name)).findFirst()
                .map(c -> new MonitorOrder(c, descending));
    }

    public boolean isDefault() {
        return equals(NEWEST_FIRST);
    }
}
