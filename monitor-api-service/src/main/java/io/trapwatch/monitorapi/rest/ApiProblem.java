package io.trapwatch.monitorapi.rest;

import io.trapwatch.service.rest.BadParameterBody;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * A request that cannot be answered normally, with the HTTP status and JSON body the caller gets: a {@link ProblemBody}
 * (404, 502, 503), or for a bad field of a JSON body the {@link BadParameterBody} of every 400 (bad query parameters
 * are service-support's {@code BadParameterException}).
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final Object body;
    /** Seconds for a Retry-After header, or null for none. */
    private final Long retryAfter;

    private ApiProblem(int status, String error, Object body, Long retryAfter) {
        super(error);
        this.status = status;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    /** 400 naming a field of a JSON body (dotted path, as {@code parameter} and, echoed, {@code field}), what it may be and what it was. */
    public static ApiProblem badField(String field, String detail, List<String> allowed, String received) {
        String error = "Invalid " + field + " field";
        return new ApiProblem(400, error, new BadParameterBody(error, field, detail, allowed, received, Map.of("field", field)), null);
    }

    public static ApiProblem notFound(String error, String detail) {
        return plain(404, error, detail, null);
    }

    /** 503: market-data-service cannot be reached, did not answer in time, or its circuit breaker is open. */
    public static ApiProblem marketDataUnavailable(String detail) {
        return plain(503, "market data unavailable", detail, null);
    }

    /** 502: market-data-service answered with an error or with something that is not its contract. */
    public static ApiProblem marketDataBadAnswer(String detail) {
        return plain(502, "market data answered badly", detail, null);
    }

    /** 503 with Retry-After: detection-service cannot be reached, did not answer in time, or its circuit breaker is open. */
    public static ApiProblem detectionUnavailable(String detail, long retryAfterSeconds) {
        return plain(503, "detection unavailable", detail, retryAfterSeconds);
    }

    /** 502: detection-service answered 5xx. */
    public static ApiProblem detectionBadAnswer(String detail) {
        return plain(502, "detection answered badly", detail, null);
    }

    public static ApiProblem unavailable(String detail) {
        return plain(503, "unavailable", detail, null);
    }

    private static ApiProblem plain(int status, String error, String detail, Long retryAfter) {
        return new ApiProblem(status, error, new ProblemBody(error, detail), retryAfter);
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        return response.build();
    }

    public int status() {
        return status;
    }
}
