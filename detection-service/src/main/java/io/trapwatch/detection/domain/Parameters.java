package io.trapwatch.detection.domain;

import java.math.BigDecimal;

/** Parameter checks whose messages name the parameter, the expected range and the actual value. */
final class Parameters {

    private Parameters() {
    }

    static int requireInRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " out of range, expected [" + min + ", " + max + "], actual " + value);
        }
        return value;
    }

    static int requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    static double requirePositive(String name, double value) {
        // Written as !(value > 0) so that NaN is rejected too.
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be > 0, got " + format(value));
        }
        return value;
    }

    static double requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + format(value));
        }
        return value;
    }

    static double requirePercent(String name, double value) {
        if (!(value > 0 && value <= 100)) {
            throw new IllegalArgumentException(name + " must be in (0, 100], got " + format(value));
        }
        return value;
    }

    /** Plain notation without trailing zeros, so -1.0 reads "-1" and 0.5 reads "0.5". */
    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
