package io.trapwatch.marketdata.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trapwatch.marketdata.client.ExchangeBannedException;
import io.trapwatch.marketdata.client.ExchangeException;
import io.trapwatch.marketdata.domain.MalformedResponseException;
import io.trapwatch.marketdata.service.ExchangeAnswerRejectedException;
import io.trapwatch.marketdata.service.StorageFailedException;
import io.trapwatch.marketdata.service.UnknownSymbolException;
import io.trapwatch.service.rest.ErrorBody;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Instant;
import java.util.List;

/**
 * JSON error bodies: 404 for unknown symbols, 502/503 when the exchange let us down, 503 when our database did
 * (400s: service-support).
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    /** 404: the symbols that are no instrument of the market. */
    public record UnknownSymbolBody(String error, List<String> symbols) {
    }

    /** 503: the exchange banned this market (418) until {@code banned_until}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BannedBody(String error, Instant bannedUntil) {
    }

    @ServerExceptionMapper
    public Response unknownSymbol(UnknownSymbolException e) {
        return json(Response.Status.NOT_FOUND, new UnknownSymbolBody(e.getMessage(), e.symbols()));
    }

    @ServerExceptionMapper
    public Response banned(ExchangeBannedException e) {
        return json(Response.Status.SERVICE_UNAVAILABLE, new BannedBody(e.getMessage(), e.until()));
    }

    @ServerExceptionMapper
    public Response exchange(ExchangeException e) {
        return ErrorBody.response(Response.Status.BAD_GATEWAY, e.getMessage());
    }

    @ServerExceptionMapper
    public Response malformed(MalformedResponseException e) {
        return ErrorBody.response(Response.Status.BAD_GATEWAY, e.getMessage());
    }

    @ServerExceptionMapper
    public Response rejected(ExchangeAnswerRejectedException e) {
        return ErrorBody.response(Response.Status.BAD_GATEWAY, e.getMessage());
    }

    /** The database is away or refuses writes: the caller (the CronJob) retries later; the log keeps the trace. */
    @ServerExceptionMapper
    public Response storage(StorageFailedException e) {
        LOG.error(e.getMessage(), e);
        return ErrorBody.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    private static Response json(Response.Status status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
