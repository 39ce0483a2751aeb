package io.trapwatch.deploy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-built 1h series in Binance's kline format whose fate under the default thresholds is known bar by bar:
 * 40 calm bars (range 2 %, volume 1000), a pump bar at index 40 (volume 20000, range 21 %, close 104 far below the
 * high 120, low 99), then a scenario-specific tail.
 */
final class PlantedSeries {

    static final int PUMP = 40;
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    static final int LENGTH = 90;

    /** What each planted series must end as, with the bar index of every transition. */
    enum Scenario {
        /** Thin bleed below the pump's low, then a quiet slide: pending@40, suspected@43, confirmed@53. */
        LIFECYCLE,
        /** Price recovers above the trigger close on the first post bar: pending@40, invalidated@41. */
        RECOVERY,
        /** Confirmed at 43 (suspected), then a bar closes above 104: invalidated@44. */
        SUSPECTED_THEN_RECOVERY,
        /** Volume never dries up: expired on the 5th post-trigger bar, @45. */
        HEAVY_VOLUME
    }

    private PlantedSeries() {
    }

    static Instant openTime(int index) {
        return START.plus(Duration.ofHours(index));
    }

    static void write(Path file, Scenario scenario) throws IOException {
        List<double[]> bars = new ArrayList<>();
        for (int i = 0; i < PUMP; i++) {
            bars.add(new double[] {100, 101, 99, 100, 1000});
        }
        bars.add(new double[] {100, 120, 99, 104, 20000});
        switch (scenario) {
            case LIFECYCLE -> {
                steepBleed(bars, 500);
                slide(bars, 94);
            }
            case RECOVERY -> calm(bars, 105);
            case SUSPECTED_THEN_RECOVERY -> {
                steepBleed(bars, 500);
                bars.add(new double[] {94, 106.5, 94, 106, 900});
                calm(bars, 106);
            }
            case HEAVY_VOLUME -> {
                steepBleed(bars, 15000);
                bars.add(new double[] {94, 94.5, 92.5, 93, 15000});
                bars.add(new double[] {93, 93.5, 91.5, 92, 15000});
                calm(bars, 92);
            }
        }
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < bars.size(); i++) {
            double[] b = bars.get(i);
            long open = openTime(i).toEpochMilli();
            json.append(String.format("[%d,\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",%d,\"0\",0,\"0\",\"0\",\"0\"]%s%n", open,
                    dec(b[0]), dec(b[1]), dec(b[2]), dec(b[3]), dec(b[4]), open + 3_599_999L, i + 1 < bars.size() ? "," : ""));
        }
        Files.writeString(file, json.append("]\n"));
    }

    private static void steepBleed(List<double[]> bars, double volume) {
        bars.add(new double[] {100, 100.5, 97.5, 98, volume});
        bars.add(new double[] {98, 98.5, 95.5, 96, volume});
        bars.add(new double[] {96, 96.5, 93.5, 94, volume});
    }

    /** Closes fall 0.1 a bar on a 0.2 range: volatility compresses, OBV only falls, MA7 stays under a falling MA25. */
    private static void slide(List<double[]> bars, double from) {
        double close = from;
        while (bars.size() < LENGTH) {
            double open = close;
            close = Math.round((close - 0.1) * 10_000) / 10_000.0;
            bars.add(new double[] {open, open + 0.05, close - 0.05, close, 500});
        }
    }

    private static void calm(List<double[]> bars, double level) {
        while (bars.size() < LENGTH) {
            bars.add(new double[] {level, level + 1, level - 1, level, 1000});
        }
    }

    private static String dec(double v) {
        return new BigDecimal(Double.toString(v)).setScale(8, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
