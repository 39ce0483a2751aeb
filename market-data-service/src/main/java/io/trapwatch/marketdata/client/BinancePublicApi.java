package io.trapwatch.marketdata.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Binance's public market endpoints. Spot ({@code /api/v3}) and USDT-M futures ({@code /fapi/v1}) share
 * these paths below their prefix, so one interface serves both; the prefix is part of the base URI.
 * Raw {@link Response}s: the caller needs status, weight and Retry-After headers, and parses bodies strictly itself.
 */
@Produces(MediaType.APPLICATION_JSON)
public interface BinancePublicApi {

    @GET
    @Path("/time")
    Response time();

    @GET
    @Path("/exchangeInfo")
    Response exchangeInfo();

    @GET
    @Path("/klines")
    Response klines(@QueryParam("symbol") String symbol, @QueryParam("interval") String interval,
                    @QueryParam("startTime") Long startTime, @QueryParam("endTime") Long endTime,
                    @QueryParam("limit") Integer limit);

    @GET
    @Path("/ticker/price")
    Response tickerPrice();
}
