package io.trapwatch.detection.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON error bodies: 400 for bad input (never a 500 for something the caller can fix). */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("parameter", e.parameter());
        body.put("allowed", e.allowed());
        body.put("received", e.received());
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
