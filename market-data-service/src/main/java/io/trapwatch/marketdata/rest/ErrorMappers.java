package io.trapwatch.marketdata.rest;

import io.trapwatch.marketdata.client.ExchangeBannedException;
import io.trapwatch.marketdata.client.ExchangeException;
import io.trapwatch.marketdata.domain.MalformedResponseException;
import io.trapwatch.marketdata.service.ExchangeAnswerRejectedException;
import io.trapwatch.marketdata.service.UnknownSymbolException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** JSON error bodies: 404 for unknown symbols, 502/503 when the exchange let us down (400s: service-support). */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response unknownSymbol(UnknownSymbolException e) {
        return json(Response.Status.NOT_FOUND, Map.of("error", e.getMessage(), "symbols", e.symbols()));
    }

    @ServerExceptionMapper
    public Response banned(ExchangeBannedException e) {
        return json(Response.Status.SERVICE_UNAVAILABLE, Map.of("error", e.getMessage(), "banned_until", e.until().toString()));
    }

    @ServerExceptionMapper
    public Response exchange(ExchangeException e) {
        return json(Response.Status.BAD_GATEWAY, Map.of("error", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response malformed(MalformedResponseException e) {
        return json(Response.Status.BAD_GATEWAY, Map.of("error", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response rejected(ExchangeAnswerRejectedException e) {
        return json(Response.Status.BAD_GATEWAY, Map.of("error", e.getMessage()));
    }

    private static Response json(Response.Status status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
