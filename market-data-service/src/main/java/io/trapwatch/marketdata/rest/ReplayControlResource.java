package io.trapwatch.marketdata.rest;

import io.trapwatch.marketdata.config.MarketDataConfig;
import io.trapwatch.marketdata.replay.ReplayClock;
import io.trapwatch.marketdata.replay.ReplayStreamServer;
import io.trapwatch.model.Interval;
import io.trapwatch.service.rest.RequestParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.function.Supplier;

/** Reads and moves the replay clock, so each K-line update sees newly closed bars as in live operation. */
@Path("/api/market-data/replay")
@Produces(MediaType.APPLICATION_JSON)
public class ReplayControlResource {

    static final int MAX_BARS = 100_000;

    private final MarketDataConfig config;
    private final ReplayClock clock;
    private final ReplayStreamServer streamServer;

    public ReplayControlResource(MarketDataConfig config, ReplayClock clock, ReplayStreamServer streamServer) {
        this.config = config;
        this.clock = clock;
        this.streamServer = streamServer;
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

    /** Drops every replay stream connection (no close frame, as a network failure), or announces serverShutdown. */
    @POST
    @Path("/stream/{action: drop|shutdown}")
    public Response streamFault(@PathParam("action") String action) {
        return replayOnly(() -> {
            if (action.equals("drop")) {
                streamServer.dropAll();
            } else {
                streamServer.announceShutdown();
            }
            return clock.now();
        });
    }

    /** The replay clock after the call. */
    public record ClockView(Instant now) {
    }

    /** 409: the service does not replay, so there is no replay clock to read or move. */
    public record NotReplayingBody(String error, String source) {
    }

    private Response replayOnly(Supplier<Instant> action) {
        if (config.source() != MarketDataConfig.Source.REPLAY) {
            return Response.status(Response.Status.CONFLICT)
                    .entity(new NotReplayingBody("the replay clock exists only with trapwatch.market-data.source=replay",
                            config.source().name().toLowerCase()))
                    .build();
        }
        return Response.ok(new ClockView(action.get())).build();
    }
}
