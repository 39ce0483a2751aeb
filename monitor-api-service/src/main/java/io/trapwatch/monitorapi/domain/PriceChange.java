package io.trapwatch.monitorapi.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** (current − trigger) / trigger × 100, rounded to 2 decimals; undefined (null) without a price or with a zero trigger. */
public final class PriceChange {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private PriceChange() {
    }

    public static BigDecimal percent(BigDecimal trigger, BigDecimal current) {
        if (trigger == null || current == null || trigger.signum() == 0) {
            return null;
        }
        return current.subtract(trigger).multiply(HUNDRED).divide(trigger, 2, RoundingMode.HALF_UP);
    }
}
