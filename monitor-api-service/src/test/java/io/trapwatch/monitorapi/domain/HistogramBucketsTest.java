package io.trapwatch.monitorapi.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistogramBucketsTest {

    @Test
    void profitBucketsEndAtTheirUpperBoundSoAZeroProfitCountsWithTheLosses() {
        HistogramBuckets b = HistogramBuckets.forProfits(decimals("-3.00", "12.50", "0.00", "2.00"));
        // 0.5 would need 32 buckets from (-3.5, -3] to (12, 12.5]; 1 needs 17, from (-4, -3] to (12, 13].
        assertThat(b.width()).isEqualByComparingTo("1");
        assertThat(b.lowerBounds()).hasSize(17);
        assertThat(b.lowerBounds().get(0)).isEqualByComparingTo("-4");
        assertThat(b.lowerBounds().get(16)).isEqualByComparingTo("12");
        assertThat(b.upperIncluded()).isTrue();
        // -3 in (-4, -3]; 0 in (-1, 0] (a loss); 0.01 in (0, 1]; 12.5 in (12, 13].
        List<Integer> counts = b.count(decimals("-3.00", "0.00", "0.01", "12.50"));
        assertThat(counts.get(0)).isEqualTo(1);
        assertThat(counts.get(3)).isEqualTo(1);
        assertThat(counts.get(4)).isEqualTo(1);
        assertThat(counts.get(16)).isEqualTo(1);
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);
    }

    @Test
    void drawdownBucketsStartAtZeroAndHoldTheirLowerBound() {
        HistogramBuckets b = HistogramBuckets.forDrawdowns(decimals("4.00", "2.08", "0.00"));
        assertThat(b.width()).isEqualByComparingTo("0.5");
        assertThat(b.lowerBounds()).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(decimals("0", "0.5", "1", "1.5", "2", "2.5", "3", "3.5", "4"));
        assertThat(b.upperIncluded()).isFalse();
        assertThat(b.count(decimals("4.00", "2.08", "0.00", "0.50"))).containsExactly(1, 1, 0, 0, 1, 0, 0, 0, 1);
    }

    @Test
    void widthGrowsOneTwoFiveUntilAtMost25BucketsCoverTheRange() {
        // -100 .. 240: 10 would need 35 buckets ((-110,-100] .. (230,240]); 20 needs 18 ((-120,-100] .. (220,240]).
        HistogramBuckets wide = HistogramBuckets.forProfits(decimals("-100", "240"));
        assertThat(wide.width()).isEqualByComparingTo("20");
        assertThat(wide.width().toString()).isEqualTo("20");
        assertThat(wide.lowerBounds()).hasSize(18);
        assertThat(wide.lowerBounds().get(0)).isEqualByComparingTo("-120");
        // 0 .. 2000 drawdowns: 100 gives 21 buckets ([0,100) .. [2000,2100)), 50 would give 41.
        HistogramBuckets drawdowns = HistogramBuckets.forDrawdowns(decimals("0", "2000"));
        assertThat(drawdowns.width()).isEqualByComparingTo("100");
        assertThat(drawdowns.lowerBounds()).hasSize(21);
        assertThat(drawdowns.lowerBounds().get(20).toString()).isEqualTo("2000");
        for (String[] range : new String[][]{{"-7.3", "3.1"}, {"0", "0"}, {"-99.99", "99.99"}, {"-0.01", "0.01"}}) {
            HistogramBuckets any = HistogramBuckets.forProfits(decimals(range));
            assertThat(any.size()).as(Arrays.toString(range)).isBetween(1, HistogramBuckets.MAX_BUCKETS);
            assertThat(any.count(decimals(range)).stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
        }
    }

    @Test
    void farOutliersGoToOpenEndedFirstAndLastBucketsSoTheMiddleKeepsItsDetail() {
        // 38 trades from -4.9 to +4.35, one short squeezed to -540 and one at +120: the whole range would need
        // width 50 (14 buckets, two of them holding 38 trades); the middle 90 % (-4.9 .. 4.1) fits width 0.5.
        List<BigDecimal> values = new java.util.ArrayList<>(decimals("-540", "120"));
        for (int i = 0; i < 38; i++) {
            values.add(new BigDecimal("-4.9").add(new BigDecimal("0.25").multiply(BigDecimal.valueOf(i))));
        }
        HistogramBuckets b = HistogramBuckets.forProfits(values);
        assertThat(b.width()).isEqualByComparingTo("0.5");
        assertThat(b.openBelow()).isTrue();
        assertThat(b.openAbove()).isTrue();
        List<Integer> counts = b.count(values);
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(40);
        assertThat(counts.get(0)).as("-540 and the lowest of the middle").isGreaterThanOrEqualTo(2);
        assertThat(counts.get(counts.size() - 1)).as("+120 and the highest of the middle").isGreaterThanOrEqualTo(2);
        assertThat(b.lowerBounds().get(0)).isGreaterThan(new BigDecimal("-6"));
        // Without outliers nothing is open-ended, however many values.
        HistogramBuckets plain = HistogramBuckets.forProfits(values.subList(2, 40));
        assertThat(plain.openBelow()).isFalse();
        assertThat(plain.openAbove()).isFalse();
    }

    @Test
    void nothingToCountGivesNoBucketsAndAValueOutsideIsRefused() {
        HistogramBuckets none = HistogramBuckets.forProfits(List.of());
        assertThat(none.width()).isNull();
        assertThat(none.lowerBounds()).isEmpty();
        assertThat(none.count(List.of())).isEmpty();
        HistogramBuckets some = HistogramBuckets.forDrawdowns(decimals("1", "2"));
        assertThatThrownBy(() -> some.count(decimals("7"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<BigDecimal> decimals(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toList();
    }
}
