package io.trapwatch.detection.domain;

import io.trapwatch.model.outcome.OutcomeStatus;
import io.trapwatch.model.outcome.Trade;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A monitor's outcome as reported (decision D18): percentages with 2 decimals half-even, computed exactly from the
 * bars' decimal values; prices as exact decimals. Parts that do not exist yet are null: everything without an
 * entry, the lowest point and drawdown before a bar follows the entry, the rebound before its window starts.
 *
 * @param barsObserved       {@code m}, bars observed after the entry bar; null without an entry
 * @param maxProfitPercent   {@code (entry − lowest low) / entry × 100}
 * @param reboundPercent     {@code (rebound high − lowest low) / lowest low × 100}; {@code hasRebound} from 20 % (unrounded)
 * @param maxDrawdownPercent largest {@code (H − entry) / entry × 100} over {@code B_1 … B_m} with {@code H > entry}, else 0
 */
public record Outcome(OutcomeStatus status, int observationBars, Integer barsObserved,
                      Long entryTime, BigDecimal entryPrice,
                      Long lowestTime, BigDecimal lowestPrice, Integer barsToLowest, BigDecimal maxProfitPercent,
                      boolean hasRebound, BigDecimal reboundHighPrice, BigDecimal reboundPercent,
                      BigDecimal maxDrawdownPercent, Exit hold, Exit invalidationStop) {

    /** D12: a rebound of 20 % or more is significant. */
    private static final BigDecimal SIGNIFICANT_REBOUND = BigDecimal.valueOf(20);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * One way out of the short position.
     *
     * @param byInvalidation true when the bar closed above the trigger price (the invalidation stop hit)
     */
    public record Exit(long time, BigDecimal price, BigDecimal finalProfitPercent, boolean byInvalidation) {

        public boolean profitable() {
            return finalProfitPercent.signum() > 0;
        }
    }

    public static Outcome of(OutcomeState s) {
        OutcomeStatus status = s.status();
        if (status == OutcomeStatus.INSUFFICIENT_DATA) {
            return new Outcome(status, s.observationBars(), null, null, null, null, null, null, null, false, null, null,
                    null, null, null);
        }
        BigDecimal entry = decimal(s.entryPrice());
        Exit hold = new Exit(s.lastTime(), decimal(s.lastClose()), shortProfit(entry, decimal(s.lastClose())), false);
        Exit stop = s.stopIndex() == OutcomeState.NONE ? hold
                : new Exit(s.stopTime(), decimal(s.stopPrice()), shortProfit(entry, decimal(s.stopPrice())), true);
        boolean hasLowest = s.lowestIndex() != OutcomeState.NONE;
        BigDecimal lowest = hasLowest ? decimal(s.lowestPrice()) : null;
        BigDecimal reboundHigh = Double.isNaN(s.reboundHigh()) ? null : decimal(s.reboundHigh());
        BigDecimal rebound = null;
        boolean significant = false;
        if (reboundHigh != null && lowest.signum() > 0) {
            BigDecimal rise = reboundHigh.subtract(lowest);
            rebound = rise.multiply(HUNDRED).divide(lowest, 2, RoundingMode.HALF_EVEN);
            // Unrounded test (D17.9): rise / low × 100 >= 20  <=>  rise × 100 >= 20 × low.
            significant = rise.multiply(HUNDRED).compareTo(SIGNIFICANT_REBOUND.multiply(lowest)) >= 0;
        }
        BigDecimal drawdown = BigDecimal.ZERO.setScale(2);
        if (!Double.isNaN(s.maxHigh()) && s.maxHigh() > s.entryPrice()) {
            drawdown = shortProfit(entry, decimal(s.maxHigh())).negate();
        }
        return new Outcome(status, s.observationBars(), s.observed(), s.entryTime(), entry,
                hasLowest ? s.lowestTime() : null, lowest, hasLowest ? s.lowestIndex() : null,
                hasLowest ? shortProfit(entry, lowest) : null, significant, reboundHigh, rebound,
                drawdown, hold, stop);
    }

    /** The trade for the statistics with the given exit; null without an entry. */
    public Trade trade(boolean invalidationStop) {
        Exit exit = invalidationStop ? this.invalidationStop : hold;
        return exit == null ? null : new Trade(exit.finalProfitPercent(), maxProfitPercent, maxDrawdownPercent, barsToLowest);
    }

    /** {@code pct(a, b) = (a − b) / a × 100} to 2 decimals half-even, 0 when {@code a = 0} (§8 step 4). */
    static BigDecimal shortProfit(BigDecimal from, BigDecimal to) {
        if (from.signum() == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return from.subtract(to).multiply(HUNDRED).divide(from, 2, RoundingMode.HALF_EVEN);
    }

    /**
     * The decimal a bar value came from: bars reach the engine as doubles parsed from the exchange's decimal
     * strings (at most 15 significant digits), and the shortest representation of such a double is that decimal.
     */
    static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value);
    }
}
