package io.trapwatch.service.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** 400 with {@code error, parameter, allowed, received}: a caller's mistake is never answered with a 500. */
public class BadParameterMapper {

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
