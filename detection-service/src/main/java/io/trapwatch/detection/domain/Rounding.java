package io.trapwatch.detection.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The reporting rounding R_n of detectors.md §0.3. Only for display and persistence: every
 * decision is taken on the unrounded double.
 */
public final class Rounding {

    private Rounding() {
    }

    /** R_n(x): the exact binary value of {@code x} rounded to {@code n} fractional digits, ties to even. */
    public static BigDecimal round(double x, int n) {
        return new BigDecimal(x).setScale(n, RoundingMode.HALF_EVEN);
    }
}
