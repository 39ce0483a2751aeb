package io.trapwatch.model.outcome;

import java.math.BigDecimal;

/**
 * One outcome as the statistics see it, for one exit: percentages as reported (2 decimals).
 *
 * @param finalProfitPercent short profit at the exit; above 0 is a win, 0 or below a loss (D12, D17.9)
 * @param maxProfitPercent   short profit at the lowest low, null when no bar follows the entry
 * @param maxDrawdownPercent worst adverse move, a positive number
 * @param barsToLowest       index of the lowest bar (entry bar = 0), null when no bar follows the entry
 */
public record Trade(BigDecimal finalProfitPercent, BigDecimal maxProfitPercent, BigDecimal maxDrawdownPercent,
                    Integer barsToLowest) {

    public Trade {
        if (finalProfitPercent == null) {
            throw new IllegalArgumentException("a trade needs its final profit");
        }
    }

    public boolean profitable() {
        return finalProfitPercent.signum() > 0;
    }
}
