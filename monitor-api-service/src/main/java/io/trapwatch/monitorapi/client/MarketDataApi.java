package io.trapwatch.monitorapi.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * market-data-service's bar API ({@code quarkus.rest-client.market-data.url}). The body is taken as text and parsed
 * by {@link MarketDataReader}, so an answer that breaks the contract is told apart from an unreachable service.
 */
@RegisterRestClient(configKey = "market-data")
@Path("/api/market-data")
public interface MarketDataApi {

    /** Bars ascending by open time; start and end inclusive (ISO-8601); at most {@code limit} (≤ 1000). */
    @GET
    @Path("/klines")
    @Produces(MediaType.APPLICATION_JSON)
    String klines(@RestQuery("market_type") String marketType, @RestQuery String symbol, @RestQuery String interval,
                  @RestQuery String start, @RestQuery String end, @RestQuery Integer limit);
}
