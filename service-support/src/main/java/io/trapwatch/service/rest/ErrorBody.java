package io.trapwatch.service.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The body of an answer that is not a caller's bad parameter (404 for an unknown id, 409, 502): {@code error} says
 * what happened. A 400 has its own, richer {@link BadParameterBody}.
 */
public record ErrorBody(String error) {

    public static Response response(Response.Status status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(error)).build();
    }
}
