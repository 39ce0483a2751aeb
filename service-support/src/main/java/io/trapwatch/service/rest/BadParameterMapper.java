package io.trapwatch.service.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 400 with the {@link BadParameterBody}: a caller's mistake is never answered with a 500. */
public class BadParameterMapper {

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON).entity(e.body()).build();
    }
}
