package io.trapwatch.model.outcome;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Aggregate statistics of a set of trades (data-and-api.md §9 with the fixes of D12 and D17.9). The one
 * implementation: the read API's backtest statistics and the threshold sweep both call {@link #of}.
 *
 * <p>JSON names are snake_case ({@code profit_factor_infinite}), as every API answer.
 *
 * <p>Averages, medians, sums and the profit factor are computed exactly from the reported (2-decimal) values and
 * rounded half-even to 2 decimals. With no trades every figure but the counts is null.
 *
 * @param losingTrades         trades with a final profit of 0 or below (exactly 0 is a loss, D12)
 * @param totalProfitPercent   the sum of the final profits (D12: not the average, which is {@code avgProfitPercent})
 * @param worstDrawdown        the largest max drawdown (D12: the reference took the smallest)
 * @param profitFactor         gross profit / |gross loss|; null when the loss sum is 0
 * @param profitFactorInfinite true when the loss sum is 0 and the profit sum above 0 (D17.9)
 */
public record TradeStatistics(
        @JsonProperty("total_trades") int totalTrades,
        @JsonProperty("profitable_trades") int profitableTrades,
        @JsonProperty("losing_trades") int losingTrades,
        @JsonProperty("win_rate") BigDecimal winRate,
        @JsonProperty("avg_profit_percent") BigDecimal avgProfitPercent,
        @JsonProperty("median_profit_percent") BigDecimal medianProfitPercent,
        @JsonProperty("max_profit_percent") BigDecimal maxProfitPercent,
        @JsonProperty("min_profit_percent") BigDecimal minProfitPercent,
        @JsonProperty("total_profit_percent") BigDecimal totalProfitPercent,
        @JsonProperty("avg_max_profit_percent") BigDecimal avgMaxProfitPercent,
        @JsonProperty("avg_max_drawdown") BigDecimal avgMaxDrawdown,
        @JsonProperty("worst_drawdown") BigDecimal worstDrawdown,
        @JsonProperty("avg_bars_to_lowest") BigDecimal avgBarsToLowest,
        @JsonProperty("profit_factor") BigDecimal profitFactor,
        @JsonProperty("profit_factor_infinite") boolean profitFactorInfinite) {

    private static final int SCALE = 2;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public static final TradeStatistics EMPTY = of(List.of());

    public static TradeStatistics of(Collection<Trade> trades) {
        int total = trades.size();
        if (total == 0) {
            return new TradeStatistics(0, 0, 0, null, null, null, null, null, null, null, null, null, null, null, false);
        }
        int wins = 0;
        BigDecimal grossProfit = BigDecimal.ZERO;
        BigDecimal grossLoss = BigDecimal.ZERO;
        List<BigDecimal> profits = new ArrayList<>(total);
        List<BigDecimal> maxProfits = new ArrayList<>(total);
        List<BigDecimal> drawdowns = new ArrayList<>(total);
        List<BigDecimal> barsToLowest = new ArrayList<>(total);
        for (Trade t : trades) {
            BigDecimal p = t.finalProfitPercent();
            profits.add(p);
            if (t.profitable()) {
                wins++;
                grossProfit = grossProfit.add(p);
            } else {
                grossLoss = grossLoss.add(p);
            }
            addIfPresent(maxProfits, t.maxProfitPercent());
            addIfPresent(drawdowns, t.maxDrawdownPercent());
            if (t.barsToLowest() != null) {
                barsToLowest.add(BigDecimal.valueOf(t.barsToLowest()));
            }
        }
        profits.sort(null);
        BigDecimal sum = sum(profits);
        boolean noLoss = grossLoss.signum() == 0;
        BigDecimal profitFactor = noLoss ? null : grossProfit.divide(grossLoss.abs(), SCALE, RoundingMode.HALF_EVEN);
        return new TradeStatistics(total, wins, total - wins,
                BigDecimal.valueOf(wins).multiply(HUNDRED).divide(BigDecimal.valueOf(total), SCALE, RoundingMode.HALF_EVEN),
                mean(profits), median(profits), scaled(profits.get(total - 1)), scaled(profits.get(0)), scaled(sum),
                mean(maxProfits), mean(drawdowns),
                drawdowns.isEmpty() ? null : scaled(drawdowns.stream().max(BigDecimal::compareTo).orElseThrow()),
                mean(barsToLowest), profitFactor, noLoss && grossProfit.signum() > 0);
    }

    private static void addIfPresent(List<BigDecimal> values, BigDecimal value) {
        if (value != null) {
            values.add(value);
        }
    }

    private static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal mean(List<BigDecimal> values) {
        return values.isEmpty() ? null
                : sum(values).divide(BigDecimal.valueOf(values.size()), SCALE, RoundingMode.HALF_EVEN);
    }

    /** Middle value of sorted values; the mean of the two middle ones for an even count. */
    private static BigDecimal median(List<BigDecimal> sorted) {
        int n = sorted.size();
        BigDecimal middle = sorted.get(n / 2);
        return n % 2 == 1 ? scaled(middle)
                : sorted.get(n / 2 - 1).add(middle).divide(BigDecimal.valueOf(2), SCALE, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal scaled(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_EVEN);
    }
}
