package io.trapwatch.monitorapi.rest;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.monitorapi.client.KlineBar;
import io.trapwatch.monitorapi.client.MarketDataReader;
import io.trapwatch.monitorapi.domain.ChartWindow;
import io.trapwatch.monitorapi.domain.DecimalText;
import io.trapwatch.monitorapi.domain.MovingAverage;
import io.trapwatch.monitorapi.repository.MonitorRow;
import io.trapwatch.monitorapi.service.MonitorQueryService;
import io.trapwatch.service.rest.BadParameterBody;
import io.trapwatch.service.rest.RequestParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Chart of one monitor: bars around its trigger from market-data-service plus its markers from the read model. */
@Path("/api/volume-trap/chart-data")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "bars")
public class ChartDataResource {

    static final int SHORT_MA = 7;
    static final int LONG_MA = 25;

    private final MonitorQueryService monitors;
    private final MarketDataReader bars;

    public ChartDataResource(MonitorQueryService monitors, MarketDataReader bars) {
        this.monitors = monitors;
        this.bars = bars;
    }

    @GET
    @Path("/{monitor_id}")
    @Operation(summary = "Bars around a monitor with its markers", description = "Bars from 30 bars of the monitor's "
            + "interval before its trigger bar to 60 bars after it (ascending); a trigger marker and one marker per transition; "
            + "MA7 and MA25 of the closes at each bar (the 24 bars before the window are read for them).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ChartDataView.class)))
    @APIResponse(responseCode = "400", description = "monitor_id is not a positive integer", content = @Content(schema = @Schema(implementation = BadParameterBody.class)))
    @APIResponse(responseCode = "404", description = "No such monitor, or no bars in the window", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "502", description = "market-data-service answered an error or garbage", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "503", description = "market-data-service unreachable or too slow", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public ChartDataView chart(@Parameter(description = "Monitor id", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
                               @PathParam("monitor_id") String monitorId) throws SQLException {
        long id = RequestParameters.positiveId("monitor_id", monitorId);
        MonitorRow m = monitors.find(id)
                .orElseThrow(() -> ApiProblem.notFound("Monitor not found", "monitor " + id + " does not exist"));
        Interval interval = Interval.fromWire(m.interval());
        ChartWindow window = ChartWindow.around(m.triggerTime(), interval);
        // MA25 needs the 24 closes before the window's first bar: fetched, used for the averages, not returned.
        Instant warmUpStart = window.start().minus(interval.length().multipliedBy(LONG_MA - 1));
        List<KlineBar> fetched = bars.bars(MarketType.fromWire(m.marketType()), m.symbol(), interval, warmUpStart,
                window.end(), window.maxBars() + LONG_MA - 1);
        int first = 0;
        while (first < fetched.size() && fetched.get(first).openTime().isBefore(window.start())) {
            first++;
        }
        List<KlineBar> found = fetched.subList(first, fetched.size());
        if (found.isEmpty()) {
            throw ApiProblem.notFound("No bars", "symbol " + m.symbol() + " has no " + m.marketType() + " " + m.interval()
                    + " bars between " + window.start() + " and " + window.end());
        }
        List<ChartDataView.Marker> markers = monitors.transitions(id).stream()
                .map(t -> new ChartDataView.Marker(t.barTime(), DecimalText.of(t.barClose()), t.toStatus(), t.reason())).toList();
        List<BigDecimal> closes = fetched.stream().map(b -> new BigDecimal(b.close())).toList();
        return new ChartDataView(m.id(), m.marketType(), m.symbol(), m.interval(), m.status(), window.start(), window.end(),
                found, new ChartDataView.Marker(m.triggerTime(), DecimalText.of(m.triggerPrice()), "trigger", null), markers,
                averages(closes, SHORT_MA, first), averages(closes, LONG_MA, first));
    }

    /** The moving average at each returned bar (the fetched list minus the first {@code skip} warm-up bars). */
    private static List<String> averages(List<BigDecimal> closes, int period, int skip) {
        return MovingAverage.of(closes, period).subList(skip, closes.size()).stream().map(DecimalText::of).toList();
    }
}
