package io.trapwatch.monitorapi.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.trapwatch.model.SeriesKey;
import io.trapwatch.model.Topics;
import io.trapwatch.model.outcome.MonitorOutcome;
import io.trapwatch.model.outcome.MonitorOutcomesChanged;
import io.trapwatch.model.outcome.OutcomeStatus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;

/** Builds MonitorOutcome events the way detection-service publishes them and produces them to the real broker. */
public final class Outcomes {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Outcomes() {
    }

    /** An invalidation-stop exit {@code k} bars after the entry bar. */
    public record Stop(int k, String price, String profit, String by) {
    }

    public static Stop stop(int k, String price, String profit, String by) {
        return new Stop(k, price, profit, by);
    }

    /**
     * An outcome with the given figures; bar times follow from the trigger (entry = the next bar). Without a
     * {@code stop} the invalidation-stop exit is the hold exit.
     */
    public static MonitorOutcome outcome(Events.Monitor m, int version, OutcomeStatus status, int observed, String entry,
                                         String lowest, int barsToLowest, String maxProfit, String reboundHigh,
                                         String reboundPercent, String drawdown, String exitPrice, String profit, Stop stop) {
        Duration bar = m.interval.length();
        Instant entryTime = m.triggerTime.plus(bar);
        BigDecimal p = new BigDecimal(profit);
        MonitorOutcome.Exit hold = new MonitorOutcome.Exit(entryTime.plus(bar.multipliedBy(observed)), new BigDecimal(exitPrice),
                p, p.signum() > 0, MonitorOutcome.Exit.WINDOW_END);
        MonitorOutcome.Exit exit = stop == null ? hold : new MonitorOutcome.Exit(entryTime.plus(bar.multipliedBy(stop.k())),
                new BigDecimal(stop.price()), new BigDecimal(stop.profit()), new BigDecimal(stop.profit()).signum() > 0, stop.by());
        return new MonitorOutcome(m.key(), version, m.triggerTime, m.triggerPrice, status, 30, observed, entryTime,
                new BigDecimal(entry), entryTime.plus(bar.multipliedBy(barsToLowest)), new BigDecimal(lowest), barsToLowest,
                new BigDecimal(maxProfit), reboundPercent != null && new BigDecimal(reboundPercent).compareTo(BigDecimal.valueOf(20)) >= 0,
                reboundHigh == null ? null : new BigDecimal(reboundHigh),
                reboundPercent == null ? null : new BigDecimal(reboundPercent), new BigDecimal(drawdown), hold, exit);
    }

    /**
     * The completed outcome (decision D18) of a monitor triggered on recorded bar {@code trigger} of {@code bars}
     * ([open time ms, open, high, low, close, …] as Binance sends them), over a window of {@code window} bars: short
     * at the close of the next bar, lowest low and highest high after it, the rebound from the lowest + 3 bars on,
     * exits at the window's end and at the first close above the trigger price.
     */
    public static MonitorOutcome fromRecordedBars(Events.Monitor m, IntFunction<JsonNode> bars, int trigger, int window) {
        int entry = trigger + 1;
        BigDecimal entryPrice = close(bars.apply(entry));
        int lowest = entry + 1;
        BigDecimal highest = null;
        Integer stopAt = null;
        for (int i = entry + 1; i <= entry + window; i++) {
            if (low(bars.apply(i)).compareTo(low(bars.apply(lowest))) < 0) {
                lowest = i;
            }
            highest = highest == null || high(bars.apply(i)).compareTo(highest) > 0 ? high(bars.apply(i)) : highest;
            if (stopAt == null && close(bars.apply(i)).compareTo(m.triggerPrice) > 0) {
                stopAt = i;
            }
        }
        BigDecimal lowestPrice = low(bars.apply(lowest));
        BigDecimal reboundHigh = null;
        for (int i = lowest + 3; i <= entry + window; i++) {
            reboundHigh = reboundHigh == null || high(bars.apply(i)).compareTo(reboundHigh) > 0 ? high(bars.apply(i)) : reboundHigh;
        }
        int last = entry + window;
        String reboundPercent = reboundHigh == null ? null : percent(reboundHigh.subtract(lowestPrice), lowestPrice);
        BigDecimal drawdown = highest.compareTo(entryPrice) > 0 ? highest.subtract(entryPrice) : BigDecimal.ZERO;
        int stopBar = stopAt == null ? last : stopAt;
        return outcome(m, 1, OutcomeStatus.COMPLETED, window, entryPrice.toPlainString(), lowestPrice.toPlainString(),
                lowest - entry, percent(entryPrice.subtract(lowestPrice), entryPrice),
                reboundHigh == null ? null : reboundHigh.toPlainString(), reboundPercent, percent(drawdown, entryPrice),
                close(bars.apply(last)).toPlainString(), percent(entryPrice.subtract(close(bars.apply(last))), entryPrice),
                stop(stopBar - entry, close(bars.apply(stopBar)).toPlainString(),
                        percent(entryPrice.subtract(close(bars.apply(stopBar))), entryPrice),
                        stopAt == null ? MonitorOutcome.Exit.WINDOW_END : MonitorOutcome.Exit.INVALIDATION));
    }

    /** Produces each outcome as detection-service does: one MonitorOutcomesChanged per outcome, keyed by its series. */
    public static void send(MonitorOutcome... outcomes) {
        for (MonitorOutcome o : outcomes) {
            SeriesKey series = SeriesKey.parse(o.monitorKey().substring(0, o.monitorKey().lastIndexOf(':')));
            MonitorOutcomesChanged event = new MonitorOutcomesChanged(MonitorOutcomesChanged.eventId(series, o.triggerTime()),
                    MonitorOutcomesChanged.SCHEMA_VERSION, series.marketType(), series.symbol(), series.interval(),
                    o.triggerTime(), List.of(o), Instant.now());
            Broker.sendRaw(Topics.MONITOR_OUTCOMES_CHANGED, series.asKafkaKey(), Events.json(event));
        }
    }

    private static String percent(BigDecimal part, BigDecimal of) {
        return part.multiply(HUNDRED).divide(of, 2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static BigDecimal close(JsonNode bar) {
        return new BigDecimal(bar.get(4).asText());
    }

    private static BigDecimal high(JsonNode bar) {
        return new BigDecimal(bar.get(2).asText());
    }

    private static BigDecimal low(JsonNode bar) {
        return new BigDecimal(bar.get(3).asText());
    }
}
