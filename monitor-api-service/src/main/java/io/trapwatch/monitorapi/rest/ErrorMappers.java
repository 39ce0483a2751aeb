package io.trapwatch.monitorapi.rest;

import io.trapwatch.monitorapi.client.DetectionServerErrorException;
import io.trapwatch.monitorapi.client.DetectionUnavailableException;
import io.trapwatch.monitorapi.client.MarketDataFailure;
import io.trapwatch.monitorapi.service.InvalidSubscriptionException;
import io.trapwatch.monitorapi.service.PageBeyondEndException;
import io.trapwatch.monitorapi.service.SecretKeyMissingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;

/** Every error leaves as JSON; anything unforeseen is logged and answered 500 without leaking internals. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    /** PostgreSQL's query_canceled, raised when statement_timeout fires. */
    private static final String QUERY_CANCELLED = "57014";

    @ServerExceptionMapper
    public Response problem(ApiProblem problem) {
        return problem.toResponse();
    }

    @ServerExceptionMapper
    public Response pageBeyondEnd(PageBeyondEndException e) {
        return ApiProblem.notFound("Invalid page", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response marketData(MarketDataFailure e) {
        return switch (e.kind()) {
            case UNAVAILABLE -> ApiProblem.marketDataUnavailable(e.getMessage()).toResponse();
            case BAD_ANSWER -> ApiProblem.marketDataBadAnswer(e.getMessage()).toResponse();
            case UNKNOWN_SYMBOL -> ApiProblem.notFound("Unknown symbol", e.getMessage()).toResponse();
        };
    }

    /** detection-service behind the sweeps proxy: its 5xx is a 502, no answer at all a 503 the caller may retry. */
    @ServerExceptionMapper
    public Response detection(DetectionUnavailableException e) {
        LOG.warnf("sweeps proxy: %s", e.getMessage());
        return (e instanceof DetectionServerErrorException ? ApiProblem.detectionBadAnswer(e.getMessage())
                : ApiProblem.detectionUnavailable(e.getMessage(), 1)).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidSubscription(InvalidSubscriptionException e) {
        return ApiProblem.badField(e.field(), e.getMessage(), null, null).toResponse();
    }

    @ServerExceptionMapper
    public Response secretKeyMissing(SecretKeyMissingException e) {
        return ApiProblem.unavailable(e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        return new ProblemBody(known == null ? "HTTP " + status : known.getReasonPhrase(), e.getMessage()).response(status);
    }

    /** A read cancelled by the pool's statement_timeout: the caller may retry; anything else stays a 500. */
    @ServerExceptionMapper
    public Response database(SQLException e) {
        if (QUERY_CANCELLED.equals(e.getSQLState())) {
            LOG.warnf("read query cancelled after the statement timeout: %s", e.getMessage());
            return Response.fromResponse(new ProblemBody("query timed out",
                    "the query took too long; narrow the filters or retry").response(503)).header("Retry-After", "1").build();
        }
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure while answering a request", e);
        return new ProblemBody("internal server error", "see the service log").response(500);
    }
}
