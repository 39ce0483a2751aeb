package io.trapwatch.detection.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.detection.domain.DetectionSettings;
import io.trapwatch.detection.repository.ScanRecord;
import io.trapwatch.detection.service.ScanService;
import io.trapwatch.detection.service.ScanSpec;
import io.trapwatch.service.rest.BadParameterException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Catch-up and dry-run scans (the reference's scan_volume_traps), run in the background. */
@Path("/api/detection/scans")
@Produces(MediaType.APPLICATION_JSON)
public class ScanResource {

    @Inject
    ScanService scans;

    @Inject
    DetectionSettings settings;

    @Inject
    ObjectMapper mapper;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(String json) {
        ScanSpec spec = ScanRequests.validate(read(json), settings);
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("market_type", spec.marketType().wire());
        echo.put("interval", spec.interval().wire());
        echo.put("start", spec.start() == null ? null : spec.start().toString());
        echo.put("end", spec.end() == null ? null : spec.end().toString());
        echo.put("symbols", spec.symbols());
        echo.put("dry_run", spec.dryRun());
        echo.put("thresholds", spec.thresholds());
        UUID id = scans.start(spec, echo);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("status", ScanRecord.RUNNING);
        body.put("location", "/api/detection/scans/" + id);
        return Response.accepted(body).header("Location", "/api/detection/scans/" + id).build();
    }

    /** Parsed here rather than by the framework so an unreadable body is a 400 naming it, like every other input error. */
    private ScanRequest read(String body) {
        try {
            return body == null || body.isBlank() ? null : mapper.readValue(body, ScanRequest.class);
        } catch (JsonProcessingException e) {
            throw new BadParameterException("body", "request body is not a valid scan request: " + e.getOriginalMessage(),
                    List.of("a JSON object such as {\"market_type\":\"spot\",\"interval\":\"1h\"}"), null);
        }
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("id", "id is not a scan id",
                    List.of("a scan id returned by POST /api/detection/scans"), id);
        }
        return scans.find(uuid)
                .map(scan -> Response.ok(view(scan)).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity(Map.of("error", "no scan with id " + id)).build());
    }

    private static Map<String, Object> view(ScanRecord scan) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", scan.id.toString());
        body.put("status", scan.status);
        body.put("market_type", scan.marketType.wire());
        body.put("interval", scan.interval.wire());
        body.put("dry_run", scan.dryRun);
        body.put("request", scan.request);
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("series_done", scan.seriesDone);
        progress.put("series_total", scan.seriesTotal);
        progress.put("bars_processed", scan.barsProcessed);
        body.put("progress", progress);
        body.put("result", scan.result);
        body.put("error", scan.error);
        body.put("created_at", scan.createdAt.toString());
        body.put("finished_at", scan.finishedAt == null ? null : scan.finishedAt.toString());
        return body;
    }
}
