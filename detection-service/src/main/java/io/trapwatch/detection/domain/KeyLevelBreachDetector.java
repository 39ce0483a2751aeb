package io.trapwatch.detection.domain;

/**
 * Close below the trigger bar's support (detectors.md §4; decision D7: the key level is the trigger
 * bar's low).
 *
 * <p>The key level is the trigger bar's low. The reference computes {@code min(midpoint, low)},
 * which always equals the low because the high is validated to be at least the low; the
 * midpoint is still reported. Inputs are the doubles of the stored decimals: parsing a
 * decimal to double preserves order, so the strict comparison decides exactly as decimal
 * arithmetic would.
 */
public final class KeyLevelBreachDetector {

    /**
     * @throws InvalidDataException if a price is {@code <= 0} or the trigger high is below the trigger low
     */
    public Result detect(double triggerHigh, double triggerLow, double currentClose) {
        requirePositive("trigger_high", triggerHigh);
        requirePositive("trigger_low", triggerLow);
        requirePositive("current_close", currentClose);
        if (triggerHigh < triggerLow) {
            throw new InvalidDataException("trigger_high", triggerHigh,
                    "trigger_high (" + triggerHigh + ") < trigger_low (" + triggerLow + ")");
        }
        double midpoint = (triggerHigh + triggerLow) / 2;
        double keyLevel = triggerLow;
        boolean breached = currentClose < keyLevel;
        double breachPercentage = breached ? (keyLevel - currentClose) / keyLevel * 100 : 0;
        return new Result(midpoint, keyLevel, breachPercentage, breached);
    }

    private static void requirePositive(String field, double value) {
        if (!(value > 0)) {
            throw new InvalidDataException(field, value, field + " must be > 0");
        }
    }

    /** Unrounded prices (report with 8 digits) and breach percentage (report with 2). */
    public record Result(double midpoint, double keyLevel, double breachPercentage, boolean triggered) {
    }
}
