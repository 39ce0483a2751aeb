package io.trapwatch.monitorapi.rest;

import io.trapwatch.monitorapi.repository.StatusCount;
import io.trapwatch.monitorapi.service.StatisticsService;
import io.trapwatch.service.rest.BadParameterBody;
import io.trapwatch.service.rest.RequestParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

@Path("/api/volume-trap/statistics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "statistics")
public class StatisticsResource {

    private final StatisticsService statistics;

    public StatisticsResource(StatisticsService statistics) {
        this.statistics = statistics;
    }

    @GET
    @Operation(summary = "Monitor counts", description = "Counts by status × market type × interval, the total, and per "
            + "market type the monitors whose trigger time lies in the last 24 hours and 7 days, monitors opened per UTC day, "
            + "and per market type how many monitors passed each phase.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StatisticsView.class)))
    @APIResponse(responseCode = "400", description = "Invalid parameter", content = @Content(schema = @Schema(implementation = BadParameterBody.class)))
    public StatisticsView statistics(
            @Parameter(description = "Market filter", schema = @Schema(enumeration = {"spot", "futures", "all"}, defaultValue = "all"))
            @QueryParam("market_type") String marketType,
            @Parameter(description = "Interval filter", schema = @Schema(enumeration = {"1h", "4h", "1d"}))
            @QueryParam("interval") String interval) throws SQLException {
        var market = RequestParameters.marketTypeOrAll(marketType);
        var iv = RequestParameters.interval(interval);
        Instant now = Instant.now();
        List<StatusCount> cells = statistics.byStatus(market, iv);
        return new StatisticsView(cells,
                statistics.openedSince(now, Duration.ofHours(24), market, iv),
                statistics.openedSince(now, Duration.ofDays(7), market, iv),
                cells.stream().mapToLong(StatusCount::count).sum(), now,
                statistics.openedPerDay(market, iv), statistics.phaseReach(market, iv));
    }
}
