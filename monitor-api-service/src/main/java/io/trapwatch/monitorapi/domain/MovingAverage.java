package io.trapwatch.monitorapi.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Simple moving average of closes, exact decimals: the chart's MA7 and MA25. */
public final class MovingAverage {

    /** Digits kept in an average: more than any exchange price has. */
    private static final int SCALE = 12;

    private MovingAverage() {
    }

    /**
     * Element i is the mean of closes i−period+1..i to 12 decimals (half up), null where fewer than {@code period}
     * closes exist (the first period−1).
     */
    public static List<BigDecimal> of(List<BigDecimal> closes, int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be at least 1, got " + period);
        }
        List<BigDecimal> out = new ArrayList<>(closes.size());
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal divisor = BigDecimal.valueOf(period);
        for (int i = 0; i < closes.size(); i++) {
            sum = sum.add(closes.get(i));
            if (i >= period) {
                sum = sum.subtract(closes.get(i - period));
            }
            out.add(i >= period - 1 ? sum.divide(divisor, SCALE, RoundingMode.HALF_UP) : null);
        }
        return out;
    }
}
