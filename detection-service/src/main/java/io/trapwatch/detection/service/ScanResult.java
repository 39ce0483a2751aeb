package io.trapwatch.detection.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * What a finished scan reports: transitions by kind on bars from the scan's {@code start} on, the series that failed,
 * and for a dry run the monitors it would have produced ({@code monitors} is left out of a catch-up's result).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScanResult(long discovered, long confirmed, long validated, long invalidated, long expired, long total,
                         List<FailedSymbol> failed, @JsonInclude(JsonInclude.Include.NON_NULL) List<MonitorView> monitors) {

    static ScanResult of(TransitionTally tally, List<FailedSymbol> failed, List<MonitorView> monitors) {
        return new ScanResult(tally.discovered(), tally.confirmed(), tally.validated(), tally.invalidated(),
                tally.expired(), tally.total(), List.copyOf(failed), monitors);
    }

    /** A series of the scan that could not be read or processed; the others went on. */
    public record FailedSymbol(String symbol, String error) {
    }
}
