package io.trapwatch.monitorapi.repository;

import io.trapwatch.monitorapi.domain.MonitorOrder;

/** The SQL behind each sortable list column (over {@code monitor m} joined to {@code series_price sp}). */
final class SortColumns {

    private SortColumns() {
    }

    /** An ORDER BY term; missing values (no current price yet) come last in either direction. */
    static String expression(MonitorOrder order) {
        String column = switch (order.column()) {
            case SYMBOL -> "m.symbol";
            case MARKET_TYPE -> "m.market_type";
            case INTERVAL -> "CASE m.bar_interval WHEN '1h' THEN 1 WHEN '4h' THEN 2 ELSE 3 END";
            case STATUS -> "CASE m.status WHEN 'pending' THEN 1 WHEN 'suspected_abandonment' THEN 2"
                    + " WHEN 'confirmed_abandonment' THEN 3 WHEN 'invalidated' THEN 4 ELSE 5 END";
            case TRIGGER_TIME -> "m.trigger_time";
            case TRIGGER_PRICE -> "m.trigger_price";
            case CURRENT_PRICE -> "(" + MonitorReadRepository.CURRENT_PRICE + ")";
            case PRICE_CHANGE_PERCENT -> "((" + MonitorReadRepository.CURRENT_PRICE + ") - m.trigger_price)"
                    + " / NULLIF(m.trigger_price, 0)";
        };
        return column + (order.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST");
    }
}
