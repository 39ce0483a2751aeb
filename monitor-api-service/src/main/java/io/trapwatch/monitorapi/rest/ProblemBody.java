package io.trapwatch.monitorapi.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of an answer that is not a caller's bad parameter (404, 500, 502, 503): service-support's {@code ErrorBody}
 * ({@code error}) plus {@code detail}, as the reference answered. A 400 is service-support's {@code BadParameterBody}.
 */
@Schema(name = "Problem", description = "What went wrong (error) and the particulars (detail)")
public record ProblemBody(@Schema(description = "e.g. 'Invalid page', 'Monitor not found', 'market data unavailable'") String error,
                          String detail) {

    Response response(int status) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(this).build();
    }
}
