package io.trapwatch.monitorapi.rest;

import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request that cannot be answered normally (404, 502, 503), with the HTTP status and JSON body the caller gets; 400s are service-support's {@code BadParameterException}. */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final Map<String, Object> body;
    /** Seconds for a Retry-After header, or null for none. */
    private final Long retryAfter;

    private ApiProblem(int status, Map<String, Object> body) {
        this(status, body, null);
    }

    private ApiProblem(int status, Map<String, Object> body, Long retryAfter) {
        super(String.valueOf(body.get("error")));
        this.status = status;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    /** 400 naming a field of a JSON body (dotted path, as {@code parameter} and {@code field}), what it may be and what it was. */
    public static ApiProblem badField(String field, String detail, List<String> allowed, String received) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "Invalid " + field + " field");
        body.put("parameter", field);
        body.put("field", field);
        body.put("detail", detail);
        body.put("allowed", allowed);
        body.put("received", received);
        return new ApiProblem(400, body);
    }

    public static ApiProblem notFound(String error, String detail) {
        return plain(404, error, detail);
    }

    /** 503: market-data-service cannot be reached or did not answer in time. */
    public static ApiProblem marketDataUnavailable(String detail) {
        return plain(503, "market data unavailable", detail);
    }

    /** 502: market-data-service answered with an error or with something that is not its contract. */
    public static ApiProblem marketDataBadAnswer(String detail) {
        return plain(502, "market data answered badly", detail);
    }

    /** 503 with Retry-After: detection-service cannot be reached, did not answer in time, or its circuit breaker is open. */
    public static ApiProblem detectionUnavailable(String detail, long retryAfterSeconds) {
        return new ApiProblem(503, plain(503, "detection unavailable", detail).body, retryAfterSeconds);
    }

    /** 502: detection-service answered 5xx. */
    public static ApiProblem detectionBadAnswer(String detail) {
        return plain(502, "detection answered badly", detail);
    }

    public static ApiProblem unavailable(String detail) {
        return plain(503, "unavailable", detail);
    }

    private static ApiProblem plain(int status, String error, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        return new ApiProblem(status, body);
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type("application/json").entity(body);
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        return response.build();
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        return body;
    }
}
