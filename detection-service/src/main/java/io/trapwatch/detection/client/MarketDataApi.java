package io.trapwatch.detection.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

/** market-data-service's read API ({@code quarkus.rest-client.market-data.url}). */
@RegisterRestClient(configKey = "market-data")
@Path("/api/market-data")
@Produces(MediaType.APPLICATION_JSON)
public interface MarketDataApi {

    /**
     * Bars ascending by open time; start and end inclusive (ISO-8601); at most {@code limit} (≤ 1000). The raw
     * body, read by {@link KlinePageReader} on the caller's thread.
     */
    @GET
    @Path("/klines")
    byte[] klines(@RestQuery("market_type") String marketType, @RestQuery String symbol,
                     @RestQuery String interval, @RestQuery String start, @RestQuery String end,
                     @RestQuery Integer limit);

    /** Every symbol with stored bars for the market and interval. */
    @GET
    @Path("/series")
    SeriesList series(@RestQuery("market_type") String marketType, @RestQuery String interval);
}
