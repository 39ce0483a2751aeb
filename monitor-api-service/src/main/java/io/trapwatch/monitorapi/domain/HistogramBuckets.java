package io.trapwatch.monitorapi.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Equal-width buckets over percentages, shared by every group of one answer so their counts line up (a chart can
 * stack them). The width is the smallest of 0.5, 1, 2, 5, 10, 20, 50, … that covers the values in at most
 * {@value #MAX_BUCKETS} buckets.
 *
 * <p>Profit buckets are {@code (lower, lower + width]}: a final profit of exactly 0 is a loss (D12) and falls in the
 * bucket that ends at 0, so every bucket holds only winners or only losers. Drawdowns are never negative and start
 * at 0, so their buckets are {@code [lower, lower + width)}.
 *
 * <p>Tails: one short squeeze of +500 % would otherwise make every bucket 50 points wide and put nearly all trades in
 * two bars. With at least {@value #TAIL_MIN_VALUES} values, when the middle 90 % (5th to 95th percentile) fits buckets
 * at most a quarter as wide as the whole range needs, the buckets span that middle and the first and last bucket
 * are open-ended: they also hold everything below and above (flagged, so a chart labels them "≤ …" and "> …").
 *
 * @param width         bucket width in percentage points; null when there is nothing to count
 * @param lowerBounds   the lower bound of each bucket, ascending, contiguous
 * @param upperIncluded true for {@code (lower, upper]} buckets, false for {@code [lower, upper)}
 * @param openBelow     the first bucket also holds every value below it
 * @param openAbove     the last bucket also holds every value above it
 */
public record HistogramBuckets(BigDecimal width, @JsonProperty("lower_bounds") List<BigDecimal> lowerBounds,
                               @JsonProperty("upper_included") boolean upperIncluded,
                               @JsonProperty("open_below") boolean openBelow,
                               @JsonProperty("open_above") boolean openAbove) {

    public static final int MAX_BUCKETS = 25;
    static final int TAIL_MIN_VALUES = 20;
    private static final BigDecimal SMALLEST_WIDTH = new BigDecimal("0.5");

    public HistogramBuckets {
        lowerBounds = List.copyOf(lowerBounds);
    }

    /** Profit buckets, {@code (lower, upper]}. */
    public static HistogramBuckets forProfits(Collection<BigDecimal> values) {
        return spanning(values, true);
    }

    /** Drawdown buckets, {@code [lower, upper)}. */
    public static HistogramBuckets forDrawdowns(Collection<BigDecimal> values) {
        return spanning(values, false);
    }

    private static HistogramBuckets spanning(Collection<BigDecimal> values, boolean upperIncluded) {
        if (values.isEmpty()) {
            return new HistogramBuckets(null, List.of(), upperIncluded, false, false);
        }
        List<BigDecimal> sorted = values.stream().sorted().toList();
        BigDecimal min = sorted.get(0);
        BigDecimal max = sorted.get(sorted.size() - 1);
        BigDecimal width = widthFor(min, max, upperIncluded);
        if (sorted.size() >= TAIL_MIN_VALUES) {
            BigDecimal low = sorted.get((int) Math.ceil(0.05 * sorted.size()) - 1);
            BigDecimal high = sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1);
            BigDecimal middle = widthFor(low, high, upperIncluded);
            if (middle.multiply(BigDecimal.valueOf(4)).compareTo(width) <= 0) {
                return between(low, high, middle, upperIncluded, min.compareTo(low) < 0, max.compareTo(high) > 0);
            }
        }
        return between(min, max, width, upperIncluded, false, false);
    }

    private static BigDecimal widthFor(BigDecimal min, BigDecimal max, boolean upperIncluded) {
        BigDecimal width = SMALLEST_WIDTH;
        while (index(max, width, upperIncluded) - index(min, width, upperIncluded) + 1 > MAX_BUCKETS) {
            width = nextWidth(width);
        }
        return width;
    }

    private static HistogramBuckets between(BigDecimal min, BigDecimal max, BigDecimal width, boolean upperIncluded,
                                            boolean openBelow, boolean openAbove) {
        long first = index(min, width, upperIncluded);
        long last = index(max, width, upperIncluded);
        List<BigDecimal> bounds = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            bounds.add(plain(BigDecimal.valueOf(k).multiply(width)));
        }
        return new HistogramBuckets(plain(width), bounds, upperIncluded, openBelow, openAbove);
    }

    /** How many of the values fall in each bucket (the open-ended first and last take everything beyond them). */
    public List<Integer> count(Collection<BigDecimal> values) {
        int[] counts = new int[lowerBounds.size()];
        if (width != null) {
            long first = index(lowerBounds.get(0), width, false);
            for (BigDecimal v : values) {
                int i = (int) (index(v, width, upperIncluded) - first);
                if (i < 0 && openBelow) {
                    i = 0;
                } else if (i >= counts.length && openAbove) {
                    i = counts.length - 1;
                }
                if (i < 0 || i >= counts.length) {
                    throw new IllegalArgumentException(v + " lies outside the buckets " + lowerBounds + " + " + width);
                }
                counts[i]++;
            }
        }
        List<Integer> out = new ArrayList<>(counts.length);
        for (int c : counts) {
            out.add(c);
        }
        return out;
    }

    @JsonIgnore
    public int size() {
        return lowerBounds.size();
    }

    /** The bucket number k of a value: k·width is its lower bound. */
    private static long index(BigDecimal value, BigDecimal width, boolean upperIncluded) {
        BigDecimal ratio = value.divide(width, 0, upperIncluded ? RoundingMode.CEILING : RoundingMode.FLOOR);
        return upperIncluded ? ratio.longValueExact() - 1 : ratio.longValueExact();
    }

    /** 0.5 → 1 → 2 → 5 → 10 → 20 → 50 → … */
    private static BigDecimal nextWidth(BigDecimal width) {
        BigDecimal w = plain(width);
        BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(w.precision() - w.scale() - 1);
        int leading = w.divide(unit, 0, RoundingMode.DOWN).intValue();
        return plain(unit.multiply(BigDecimal.valueOf(leading == 1 ? 2 : leading == 2 ? 5 : 10)));
    }

    /** Without trailing zeros and never in exponent form (10, not 1E+1). */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
