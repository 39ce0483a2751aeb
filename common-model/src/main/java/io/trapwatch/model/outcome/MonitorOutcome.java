package io.trapwatch.model.outcome;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The outcome of one monitor (the short-after-trigger analysis, decision D18) as published in
 * {@link MonitorOutcomesChanged}. It carries the whole outcome, so a consumer keeps the highest {@code version} per
 * monitor and ignores older or equal ones.
 *
 * <p>Percentages have 2 decimals (half-even); prices are exact decimals; fields of a part that does not exist yet
 * (no entry, no bar after the entry, no rebound window) are null.
 *
 * @param version          counts the changes of this outcome (1 = creation)
 * @param observationBars  window length the outcome was computed with; 0 = every bar since the entry
 * @param barsObserved     {@code m}: bars observed after the entry bar (null without an entry)
 * @param hold             exit at the last observed bar (the reference's exit); null without an entry
 * @param invalidationStop exit at the close of the first observed bar closing above the trigger price, else as
 *                         {@code hold} (D18.5); null without an entry
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MonitorOutcome(
        String monitorKey,
        int version,
        Instant triggerTime,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal triggerPrice,
        OutcomeStatus status,
        int observationBars,
        Integer barsObserved,
        Instant entryTime,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal entryPrice,
        Instant lowestTime,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal lowestPrice,
        Integer barsToLowest,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal maxProfitPercent,
        boolean hasRebound,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal reboundHighPrice,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal reboundPercent,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal maxDrawdownPercent,
        Exit hold,
        Exit invalidationStop) {

    /**
     * One way out of the short position.
     *
     * @param exitedBy {@code invalidation} (a close above the trigger price) or {@code window_end} (the last observed bar)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Exit(
            Instant time,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal finalProfitPercent,
            boolean profitable,
            String exitedBy) {

        public static final String INVALIDATION = "invalidation";
        public static final String WINDOW_END = "window_end";
    }
}
