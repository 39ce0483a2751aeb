package io.trapwatch.detection.domain;

import io.trapwatch.model.outcome.TradeStatistics;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Orders sweep combinations by one statistic of one exit, best first; ties by more trades, then by combination
 * number. An infinite profit factor (no losing trade) ranks above every finite one; a missing value ranks last.
 */
public final class SweepRanking {

    public static final String DEFAULT = "invalidation_stop.profit_factor";
    public static final List<String> EXITS = List.of("invalidation_stop", "hold");
    public static final List<String> METRICS = List.of("profit_factor", "win_rate", "avg_profit_percent",
            "median_profit_percent", "total_profit_percent", "avg_max_profit_percent", "trades");

    private SweepRanking() {
    }

    /** The values {@code rank_by} accepts: {@code <exit>.<metric>}. */
    public static List<String> allowed() {
        return EXITS.stream().flatMap(e -> METRICS.stream().map(m -> e + "." + m)).toList();
    }

    /**
     * @param rankBy one of {@link #allowed()}
     * @param part   the statistics the ranking reads from a combination (its earlier part when split)
     */
    public static <T> Comparator<T> by(String rankBy, Function<T, SweepPart> part, Function<T, Integer> number) {
        if (!allowed().contains(rankBy)) {
            throw new InvalidGridException("rank_by", allowed(), rankBy, "rank_by must be one of " + allowed());
        }
        boolean stop = rankBy.startsWith("invalidation_stop.");
        String metric = rankBy.substring(rankBy.indexOf('.') + 1);
        Function<T, TradeStatistics> stats = t -> stop ? part.apply(t).invalidationStop() : part.apply(t).hold();
        Comparator<T> primary = Comparator.comparing(t -> score(stats.apply(t), metric),
                Comparator.nullsLast(Comparator.<Score>naturalOrder().reversed()));
        return primary.thenComparing(t -> stats.apply(t).totalTrades(), Comparator.reverseOrder()).thenComparing(number);
    }

    private record Score(boolean infinite, BigDecimal value) implements Comparable<Score> {
        @Override
        public int compareTo(Score o) {
            if (infinite != o.infinite) {
                return infinite ? 1 : -1;
            }
            return infinite ? 0 : value.compareTo(o.value);
        }
    }

    private static Score score(TradeStatistics s, String metric) {
        return switch (metric) {
            case "profit_factor" -> s.profitFactorInfinite() ? new Score(true, null)
                    : s.profitFactor() == null ? null : new Score(false, s.profitFactor());
            case "win_rate" -> wrap(s.winRate());
            case "avg_profit_percent" -> wrap(s.avgProfitPercent());
            case "median_profit_percent" -> wrap(s.medianProfitPercent());
            case "total_profit_percent" -> wrap(s.totalProfitPercent());
            case "avg_max_profit_percent" -> wrap(s.avgMaxProfitPercent());
            case "trades" -> new Score(false, BigDecimal.valueOf(s.totalTrades()));
            default -> throw new IllegalStateException("unknown metric " + metric);
        };
    }

    private static Score wrap(BigDecimal value) {
        return value == null ? null : new Score(false, value);
    }
}
