package io.trapwatch.model;

import java.util.Optional;

/**
 * Whether a {@link KlineClosed} read from Kafka can be used; every consumer asks this one place, so
 * detection-service and monitor-api-service accept and drop the same records. (A {@link Kline} without its
 * times, prices or volume does not even deserialise.)
 */
public final class KlineClosedValidator {

    private KlineClosedValidator() {
    }

    /** Why the event cannot be used, or empty when it can. */
    public static Optional<String> problem(KlineClosed e) {
        if (e.marketType() == null || e.interval() == null || e.kline() == null) {
            return Optional.of("marketType, interval and kline are required");
        }
        if (!Symbols.isValid(e.symbol())) {
            return Optional.of("symbol " + e.symbol() + " is not 2 to 32 upper-case letters and digits");
        }
        return Optional.empty();
    }
}
