package io.trapwatch.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class KlineClosedValidatorTest {

    private static final Kline BAR = new Kline(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T03:59:59.999Z"),
            new BigDecimal("1.5"), new BigDecimal("2"), new BigDecimal("1"), new BigDecimal("1.8"), new BigDecimal("100"),
            new BigDecimal("150"), 12, new BigDecimal("40"), new BigDecimal("60"));

    @Test
    void aCompleteEventWithABinanceSymbolIsUsable() {
        assertThat(KlineClosedValidator.problem(event(MarketType.SPOT, "BTCUSDT", Interval.H4, BAR))).isEmpty();
    }

    @Test
    void missingPartsAndSymbolsOutsideTheOnePatternAreNamed() {
        assertThat(KlineClosedValidator.problem(event(null, "BTCUSDT", Interval.H4, BAR)))
                .contains("marketType, interval and kline are required");
        assertThat(KlineClosedValidator.problem(event(MarketType.SPOT, "BTCUSDT", Interval.H4, null))).isPresent();
        assertThat(KlineClosedValidator.problem(event(MarketType.SPOT, "btc-usdt", Interval.H4, BAR)))
                .contains("symbol btc-usdt is not 2 to 32 upper-case letters and digits");
        assertThat(KlineClosedValidator.problem(event(MarketType.SPOT, "A".repeat(33), Interval.H4, BAR))).isPresent();
        assertThat(KlineClosedValidator.problem(event(MarketType.SPOT, null, Interval.H4, BAR))).isPresent();
    }

    private static KlineClosed event(MarketType market, String symbol, Interval interval, Kline kline) {
        return new KlineClosed("e", KlineClosed.SCHEMA_VERSION, market, symbol, interval, kline, Instant.EPOCH);
    }
}
