package io.trapwatch.detection.support;

import io.trapwatch.model.Interval;
import io.trapwatch.model.Kline;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A planted 1h series of 135 bars with three pump bars (D1):
 * <ul>
 *   <li>bars 0–39 calm (volume 1000, range ~1 %); bar 40 pumps (volume 20000, high 130, low 99, close 104);
 *   thin bars 41–43 fall to 97 &lt; 99 → confirmed on bar 43; a slow thin decline (44–63) makes MA7 &lt; MA25,
 *   OBV fall with price and ATR shrink → validated on bar 55 (worked out with detectors.md §6–8);</li>
 *   <li>calm bars at 92 (64–94), pump on bar 95 (close 95), bar 96 closes at 96 &gt; 95 → invalidated;</li>
 *   <li>calm bars at 96 (97–127), pump on bar 128 (low 95, close 99), five thin bars closing between 95.8 and 97
 *   never break 95 → expired on bar 133 (the 5th after the trigger); bar 134 is quiet.</li>
 * </ul>
 */
public final class PlantedBars {

    public static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    public static final int COUNT = 135;
    public static final int PUMP_1 = 40;
    public static final int CONFIRM_1 = 43;
    public static final int VALIDATE_1 = 55;
    public static final int PUMP_2 = 95;
    public static final int INVALIDATE_2 = 96;
    public static final int PUMP_3 = 128;
    public static final int EXPIRE_3 = 133;

    private PlantedBars() {
    }

    public static Instant openTime(int index) {
        return START.plus(Interval.H1.length().multipliedBy(index));
    }

    public static List<Kline> bars() {
        List<Kline> bars = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            bars.add(bar(bars.size(), "100", "100.5", "99.5", i % 2 == 0 ? "100.3" : "99.7", "1000"));
        }
        bars.add(bar(bars.size(), "100", "130", "99", "104", "20000"));
        bars.add(bar(bars.size(), "104", "104.5", "100", "100.5", "300"));
        bars.add(bar(bars.size(), "100.5", "100.8", "98.5", "98.8", "300"));
        bars.add(bar(bars.size(), "98.8", "99", "96.8", "97", "300"));
        BigDecimal close = new BigDecimal("97");
        BigDecimal step = new BigDecimal("0.1");
        BigDecimal wick = new BigDecimal("0.02");
        for (int k = 0; k < 20; k++) {
            BigDecimal open = close;
            close = open.subtract(step);
            bars.add(bar(bars.size(), open.toPlainString(), open.add(wick).toPlainString(),
                    close.subtract(wick).toPlainString(), close.toPlainString(), "300"));
        }
        for (int k = 0; k < 31; k++) {
            bars.add(bar(bars.size(), "92", "92.5", "91.5", k % 2 == 0 ? "92.3" : "92", "1000"));
        }
        bars.add(bar(bars.size(), "92", "120", "91", "95", "20000"));
        bars.add(bar(bars.size(), "95", "96.5", "94.8", "96", "1000"));
        for (int k = 0; k < 31; k++) {
            bars.add(bar(bars.size(), "96", "96.5", "95.5", k % 2 == 0 ? "96.3" : "96", "1000"));
        }
        bars.add(bar(bars.size(), "96", "125", "95", "99", "20000"));
        bars.add(bar(bars.size(), "99", "99.2", "96.8", "97", "300"));
        for (String c : List.of("96.5", "96.2", "96", "95.8")) {
            BigDecimal cl = new BigDecimal(c);
            bars.add(bar(bars.size(), cl.add(new BigDecimal("0.2")).toPlainString(), cl.add(new BigDecimal("0.3")).toPlainString(),
                    cl.subtract(new BigDecimal("0.2")).toPlainString(), c, "300"));
        }
        bars.add(bar(bars.size(), "95.8", "96", "95.6", "95.9", "300"));
        if (bars.size() != COUNT) {
            throw new IllegalStateException("planted " + bars.size() + " bars");
        }
        return bars;
    }

    /** Decimals written the way Binance writes them (8 fractional digits). */
    private static Kline bar(int index, String o, String h, String l, String c, String v) {
        Instant open = openTime(index);
        return new Kline(open, open.plus(Interval.H1.length()).minusMillis(1), d(o), d(h), d(l), d(c), d(v),
                BigDecimal.ZERO, 0, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s).setScale(8);
    }
}
