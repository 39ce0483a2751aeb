package io.trapwatch.marketdata.rest;

import io.trapwatch.marketdata.config.MarketDataConfig;
import io.trapwatch.marketdata.replay.ReplayClock;
import io.trapwatch.model.Interval;
import io.trapwatch.service.rest.RequestParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.Map;

/** Reads and moves the replay clock, so each K-line update sees newly closed bars as in live operation. */
@Path("/api/market-data/replay")
@Produces(MediaType.APPLICATION_JSON)
public class ReplayControlResource {

    static final int MAX_BARS = 100_000;

    private final MarketDataConfig config;
    private final ReplayClock clock;

    public ReplayControlResource(MarketDataConfig config, ReplayClock clock) {
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Path("/clock")
    public Response now() {
        return replayOnly(() -> clock.now());
    }

    @POST
    @Path("/advance")
    public Response advance(@QueryParam("bars") String bars, @QueryParam("interval") String interval) {
        int n = RequestParameters.requiredIntInRange("bars", bars, 1, MAX_BARS);
        Interval iv = RequestParameters.requiredInterval(interval);
        return replayOnly(() -> clock.advance(n, iv));
    }

    private Response replayOnly(java.util.function.Supplier<Instant> action) {
        if (config.source() != MarketDataConfig.Source.REPLAY) {
            return Response.status(Response.Status.CONFLICT)
                    .entity(Map.of("error", "the replay clock exists only with trapwatch.market-data.source=replay",
                            "source", config.source().name().toLowerCase()))
                    .build();
        }
        return Response.ok(Map.of("now", action.get().toString())).build();
    }
}
