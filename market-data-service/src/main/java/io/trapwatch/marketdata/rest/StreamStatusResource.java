package io.trapwatch.marketdata.rest;

import io.trapwatch.marketdata.service.KlineStreamService;
import io.trapwatch.marketdata.service.StreamStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Connections, streams and counters of the WebSocket kline streams. */
@Path("/api/market-data/stream")
@Produces(MediaType.APPLICATION_JSON)
public class StreamStatusResource {

    private final KlineStreamService streams;

    public StreamStatusResource(KlineStreamService streams) {
        this.streams = streams;
    }

    @GET
    public StreamStatus status() {
        return streams.status();
    }
}
