package io.trapwatch.model.outcome;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TradeStatisticsTest {

    private static Trade trade(String profit, String maxProfit, String drawdown, Integer barsToLowest) {
        return new Trade(new BigDecimal(profit), maxProfit == null ? null : new BigDecimal(maxProfit),
                drawdown == null ? null : new BigDecimal(drawdown), barsToLowest);
    }

    @Test
    void fourTradesGiveEveryFigureExactly() {
        TradeStatistics s = TradeStatistics.of(List.of(
                trade("-3.00", "12.00", "4.00", 3),   // §8's worked example
                trade("10.50", "15.25", "1.00", 5),
                trade("2.25", "6.00", "7.50", 1),
                trade("-8.40", "0.50", "20.00", 2)));
        assertThat(s.totalTrades()).isEqualTo(4);
        assertThat(s.profitableTrades()).isEqualTo(2);
        assertThat(s.losingTrades()).isEqualTo(2);
        assertThat(s.winRate()).isEqualByComparingTo("50.00");
        assertThat(s.avgProfitPercent()).isEqualByComparingTo("0.34");      // 1.35 / 4 = 0.3375
        assertThat(s.medianProfitPercent()).isEqualByComparingTo("-0.38");  // (-3.00 + 2.25) / 2 = -0.375 -> half-even
        assertThat(s.maxProfitPercent()).isEqualByComparingTo("10.50");
        assertThat(s.minProfitPercent()).isEqualByComparingTo("-8.40");
        assertThat(s.totalProfitPercent()).isEqualByComparingTo("1.35");    // D12: the sum
        assertThat(s.avgMaxProfitPercent()).isEqualByComparingTo("8.44");   // 33.75 / 4 = 8.4375
        assertThat(s.avgMaxDrawdown()).isEqualByComparingTo("8.12");        // 32.50 / 4 = 8.125 -> half-even
        assertThat(s.worstDrawdown()).isEqualByComparingTo("20.00");        // D12: the largest
        assertThat(s.avgBarsToLowest()).isEqualByComparingTo("2.75");
        assertThat(s.profitFactor()).isEqualByComparingTo("1.12");          // 12.75 / 11.40 = 1.1184
        assertThat(s.profitFactorInfinite()).isFalse();
    }

    @Test
    void noLosingTradeIsAnInfiniteProfitFactorReportedAsNull() {
        TradeStatistics s = TradeStatistics.of(List.of(trade("5.00", "6.00", "0.00", 2), trade("1.00", "2.00", "1.00", 1)));
        assertThat(s.profitFactor()).isNull();
        assertThat(s.profitFactorInfinite()).isTrue();
        assertThat(s.losingTrades()).isZero();
        assertThat(s.winRate()).isEqualByComparingTo("100.00");
    }

    @Test
    void aFinalProfitOfExactlyZeroIsALossAndAddsNothingToTheLossSum() {
        TradeStatistics s = TradeStatistics.of(List.of(trade("0.00", "1.00", "0.50", 1), trade("4.00", "4.00", "0.00", 1)));
        assertThat(s.profitableTrades()).isEqualTo(1);
        assertThat(s.losingTrades()).isEqualTo(1);
        assertThat(s.winRate()).isEqualByComparingTo("50.00");
        // Loss sum 0, profit sum 4: infinite (D17.9) although one trade lost.
        assertThat(s.profitFactor()).isNull();
        assertThat(s.profitFactorInfinite()).isTrue();
    }

    @Test
    void onlyZeroProfitsGiveNoProfitFactorAndNoInfinity() {
        TradeStatistics s = TradeStatistics.of(List.of(trade("0.00", null, "0.00", null)));
        assertThat(s.losingTrades()).isEqualTo(1);
        assertThat(s.profitFactor()).isNull();
        assertThat(s.profitFactorInfinite()).isFalse();
        assertThat(s.avgMaxProfitPercent()).isNull();
        assertThat(s.avgBarsToLowest()).isNull();
        assertThat(s.worstDrawdown()).isEqualByComparingTo("0.00");
    }

    @Test
    void noTradesGiveCountsOfZeroAndNullFigures() {
        TradeStatistics s = TradeStatistics.of(List.of());
        assertThat(s.totalTrades()).isZero();
        assertThat(s.winRate()).isNull();
        assertThat(s.profitFactor()).isNull();
        assertThat(s.profitFactorInfinite()).isFalse();
        assertThat(s).isEqualTo(TradeStatistics.EMPTY);
    }

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        TradeStatistics s = TradeStatistics.of(List.of(trade("3.00", null, "0", null), trade("-1.00", null, "0", null),
                trade("7.00", null, "0", null)));
        assertThat(s.medianProfitPercent()).isEqualByComparingTo("3.00");
        assertThat(s.profitFactor()).isEqualByComparingTo("10.00");
    }
}
