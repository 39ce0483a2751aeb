package io.trapwatch.marketdata.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.trapwatch.marketdata.config.MarketDataConfig;
import io.trapwatch.marketdata.domain.BinanceMarket;
import io.trapwatch.model.MarketType;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binance's public endpoints, answered from the replay data set at the replay clock:
 * {@code /replay/spot/api/v3/...} and {@code /replay/futures/fapi/v1/...}. The service's own REST client
 * calls these in replay mode, so replayed data goes through exactly the ingest path of live data.
 * Only bars closed by the replay clock exist; {@code time} answers the replay clock.
 */
@Path("/replay/{market}/{api: api/v3|fapi/v1}")
@Produces(MediaType.APPLICATION_JSON)
public class ReplayExchangeResource {

    private final MarketDataConfig config;
    private final ReplayDataSet dataSet;
    private final ReplayClock clock;
    private final ObjectMapper mapper;

    public ReplayExchangeResource(MarketDataConfig config, ReplayDataSet dataSet, ReplayClock clock, ObjectMapper mapper) {
        this.config = config;
        this.dataSet = dataSet;
        this.clock = clock;
        this.mapper = mapper;
    }

    @GET
    @Path("/time")
    public Response time(@PathParam("market") String market, @PathParam("api") String api) {
        return market(market, api).map(m -> ok("{\"serverTime\":" + clock.now().toEpochMilli() + "}")).orElseGet(this::notFound);
    }

    @GET
    @Path("/exchangeInfo")
    public Response exchangeInfo(@PathParam("market") String market, @PathParam("api") String api) {
        return market(market, api).map(m -> ok(dataSet.exchangeInfo(m.marketType(), clock.now().toEpochMilli())))
                .orElseGet(this::notFound);
    }

    @GET
    @Path("/klines")
    public Response klines(@PathParam("market") String market, @PathParam("api") String api,
                           @QueryParam("symbol") String symbol, @QueryParam("interval") String interval,
                           @QueryParam("startTime") Long startTime, @QueryParam("endTime") Long endTime,
                           @QueryParam("limit") Integer limit) {
        Optional<BinanceMarket> m = market(market, api);
        if (m.isEmpty()) {
            return notFound();
        }
        if (symbol == null || !dataSet.hasSymbol(m.get().marketType(), symbol)) {
            return binanceError(-1121, "Invalid symbol.");
        }
        if (interval == null) {
            return binanceError(-1102, "Mandatory parameter 'interval' was not sent, was empty/null, or malformed.");
        }
        int max = m.get().maxKlineLimit();
        int n = limit == null ? 500 : limit;
        if (n < 1 || n > max) {
            return binanceError(-1130, "Invalid data sent for a parameter.");
        }
        List<String> rows = dataSet.series(m.get().marketType(), symbol, interval)
                .map(s -> s.select(clock.now().toEpochMilli(), startTime, endTime, n)).orElse(List.of());
        return ok("[" + String.join(",", rows) + "]");
    }

    @GET
    @Path("/ticker/price")
    public Response tickerPrice(@PathParam("market") String market, @PathParam("api") String api) {
        Optional<BinanceMarket> m = market(market, api);
        if (m.isEmpty()) {
            return notFound();
        }
        ArrayNode prices = mapper.createArrayNode();
        for (Map.Entry<String, String> e : dataSet.lastPrices(m.get().marketType(), clock.now().toEpochMilli()).entrySet()) {
            if (e.getValue() != null) {
                prices.addObject().put("symbol", e.getKey()).put("price", e.getValue());
            }
        }
        return ok(prices.toString());
    }

    /** The market of the path, when replay is the source and prefix and market agree (spot ↔ api/v3). */
    private Optional<BinanceMarket> market(String market, String api) {
        if (config.source() != MarketDataConfig.Source.REPLAY) {
            return Optional.empty();
        }
        try {
            BinanceMarket m = BinanceMarket.of(MarketType.fromWire(market));
            return m.apiPrefix().equals("/" + api) && m.marketType().wire().equals(market) ? Optional.of(m) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Response ok(String json) {
        return Response.ok(json, MediaType.APPLICATION_JSON).build();
    }

    private Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                .entity("{\"error\":\"replay endpoints exist only with trapwatch.market-data.source=replay\"}").build();
    }

    private static Response binanceError(int code, String message) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity("{\"code\":" + code + ",\"msg\":\"" + message + "\"}").build();
    }
}
