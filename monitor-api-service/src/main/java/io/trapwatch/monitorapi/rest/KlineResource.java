package io.trapwatch.monitorapi.rest;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.monitorapi.client.KlineBar;
import io.trapwatch.monitorapi.client.MarketDataReader;
import io.trapwatch.service.rest.BadParameterBody;
import io.trapwatch.service.rest.BadParameterException;
import io.trapwatch.service.rest.RequestParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Raw bars of a series, read from market-data-service. */
@Path("/api/volume-trap/kline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "bars")
public class KlineResource {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

    private final MarketDataReader bars;

    public KlineResource(MarketDataReader bars) {
        this.bars = bars;
    }

    @GET
    @Path("/{symbol}")
    @Operation(summary = "Bars of one series", description = "Ascending by open time, start_time ≤ open time ≤ end_time. "
            + "Without start_time the newest `limit` bars up to end_time (or now) are returned. Times without an "
            + "offset are UTC.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = KlineSeriesView.class)))
    @APIResponse(responseCode = "400", description = "Invalid parameter", content = @Content(schema = @Schema(implementation = BadParameterBody.class)))
    @APIResponse(responseCode = "404", description = "market-data-service knows no such symbol", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "502", description = "market-data-service answered an error or garbage", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "503", description = "market-data-service unreachable or too slow", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public KlineSeriesView klines(
            @Parameter(description = "Binance symbol, e.g. BTCUSDT (case-insensitive)") @PathParam("symbol") String symbol,
            @Parameter(required = true, schema = @Schema(enumeration = {"spot", "futures"})) @QueryParam("market_type") String marketType,
            @Parameter(required = true, schema = @Schema(enumeration = {"1h", "4h", "1d"})) @QueryParam("interval") String interval,
            @Parameter(description = "First open time (inclusive), ISO-8601; without offset = UTC; a bare date = UTC midnight")
            @QueryParam("start_time") String startTime,
            @Parameter(description = "Last open time (inclusive), same forms as start_time") @QueryParam("end_time") String endTime,
            @Parameter(description = "Most bars to return, 1 to 1000", schema = @Schema(defaultValue = "500", minimum = "1", maximum = "1000"))
            @QueryParam("limit") String limit) {
        String sym = RequestParameters.requiredSymbol("symbol", symbol);
        Interval iv = RequestParameters.requiredInterval(interval);
        MarketType market = RequestParameters.marketType(marketType);
        Optional<Instant> start = RequestParameters.instant("start_time", startTime);
        Optional<Instant> end = RequestParameters.instant("end_time", endTime);
        int max = RequestParameters.intInRange("limit", limit, 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
        if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
            throw BadParameterException.reversedRange("time", "start_time", startTime.trim(), "end_time", endTime.trim());
        }
        // Without a start, begin `max` bar slots before the end so the newest bars, not the oldest, come back.
        Instant from = start.orElseGet(() -> end.orElseGet(Instant::now).minus(iv.length().multipliedBy(max - 1L)));
        List<KlineBar> found = bars.bars(market, sym, iv, from, end.orElse(null), max);
        return new KlineSeriesView(market.wire(), sym, iv.wire(), found.size(), found);
    }
}
