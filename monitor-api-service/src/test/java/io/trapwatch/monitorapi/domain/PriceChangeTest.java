package io.trapwatch.monitorapi.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class PriceChangeTest {

    @Test
    void percentIsRoundedHalfUpToTwoDecimals() {
        assertThat(PriceChange.percent(new BigDecimal("0.18230000"), new BigDecimal("0.1501"))).isEqualByComparingTo("-17.66");
        assertThat(PriceChange.percent(new BigDecimal("8"), new BigDecimal("9"))).isEqualTo(new BigDecimal("12.50"));
        assertThat(PriceChange.percent(new BigDecimal("3"), new BigDecimal("3.00015"))).isEqualTo(new BigDecimal("0.01"));
        assertThat(PriceChange.percent(new BigDecimal("3"), new BigDecimal("3.00014"))).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void undefinedWithoutPriceOrWithZeroTrigger() {
        assertThat(PriceChange.percent(BigDecimal.ZERO, BigDecimal.ONE)).isNull();
        assertThat(PriceChange.percent(new BigDecimal("0.00000000"), BigDecimal.ONE)).isNull();
        assertThat(PriceChange.percent(BigDecimal.ONE, null)).isNull();
        assertThat(PriceChange.percent(null, BigDecimal.ONE)).isNull();
    }
}
