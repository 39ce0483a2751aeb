package io.trapwatch.detection.domain;

import io.trapwatch.model.Kline;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A closed bar at the exchange's precision. Values are normalised (trailing zeros stripped) so the same bar
 * compares equal whether it came from an event, market-data-service's API or this service's own table.
 * The engine sees doubles; trigger prices are stored from these exact values.
 */
public record ClosedBar(Instant openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                        BigDecimal volume) {

    public static ClosedBar of(Instant openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                               BigDecimal volume) {
        return new ClosedBar(openTime, exact(open), exact(high), exact(low), exact(close), exact(volume));
    }

    public static ClosedBar of(Kline kline) {
        return of(kline.openTime(), kline.open(), kline.high(), kline.low(), kline.close(), kline.volume());
    }

    public long openTimeMillis() {
        return openTime.toEpochMilli();
    }

    public Bar toBar() {
        return new Bar(openTime.toEpochMilli(), open.doubleValue(), high.doubleValue(), low.doubleValue(),
                close.doubleValue(), volume.doubleValue());
    }

    /** Same number, canonical scale: 42000.10000000 and 42000.100000000000000000 both become 42000.1 (never negative scale). */
    public static BigDecimal exact(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
