package io.trapwatch.detection.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.detection.domain.DetectionSettings;
import io.trapwatch.detection.repository.ScanEntity;
import io.trapwatch.detection.service.ScanService;
import io.trapwatch.detection.service.ScanSpec;
import io.trapwatch.service.rest.ErrorBody;
import io.trapwatch.service.rest.RequestParameters;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/** Catch-up and dry-run scans (the reference's scan_volume_traps), run in the background. */
@Path(ScanResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class ScanResource {

    static final String PATH = "/api/detection/scans";

    private final ScanService scans;
    private final DetectionSettings settings;
    private final ObjectMapper mapper;

    public ScanResource(ScanService scans, DetectionSettings settings, ObjectMapper mapper) {
        this.scans = scans;
        this.settings = settings;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(String json) {
        ScanRequest request = JsonBody.read(mapper, json, ScanRequest.class, "scan request",
                "{\"market_type\":\"spot\",\"interval\":\"1h\"}");
        ScanSpec spec = ScanRequests.validate(request, settings);
        return Accepted.response(PATH, scans.start(spec), ScanEntity.RUNNING);
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        UUID uuid = RequestParameters.uuid("id", id, "a scan id returned by POST " + PATH);
        return scans.find(uuid).map(scan -> Response.ok(scan).build())
                .orElseGet(() -> ErrorBody.response(Response.Status.NOT_FOUND, "no scan with id " + id));
    }
}
