package io.trapwatch.detection.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/**
 * market-data-service's read API ({@code quarkus.rest-client.market-data.url}). Called only through
 * {@link MarketDataClient}, which adds the timeout, retries and circuit breaker.
 */
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

    /** 5xx: the service failed, worth retrying; 4xx: the request is wrong, never retried. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        String answer = "market-data-service answered HTTP " + status;
        if (status >= 500) {
            return new MarketDataUnavailableException(answer);
        }
        if (status >= 400) {
            String body;
            try {
                body = response.readEntity(String.class);
            } catch (RuntimeException unreadable) {
                body = "(no readable body)";
            }
            return new MarketDataRejectedException(answer + ": " + body);
        }
        return null;
    }
}
