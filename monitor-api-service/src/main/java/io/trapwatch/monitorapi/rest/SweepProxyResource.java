package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trapwatch.monitorapi.client.DetectionAnswer;
import io.trapwatch.monitorapi.client.DetectionExchange;
import io.trapwatch.monitorapi.client.DetectionSweeps;
import io.trapwatch.service.rest.BadParameterBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.function.Supplier;

/**
 * detection-service's threshold sweeps, reachable through this service (in Kubernetes only this service is reachable
 * from outside). A thin proxy: bodies and statuses pass through unchanged — a 400 names the field as detection-service
 * named it — except that locations name this path. Starting and cancelling need the operator token (every write
 * here does); it is passed on to detection-service, which checks it too. detection-service unreachable, too slow or
 * its circuit breaker open → 503; its 5xx (after the retries of reads) → 502.
 */
@Path("/api/volume-trap/sweeps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sweeps")
public class SweepProxyResource {

    private static final String DETECTION_PATH = "/api/detection/sweeps/";
    private static final String OWN_PATH = "/api/volume-trap/sweeps/";

    private final DetectionSweeps sweeps;
    private final ObjectMapper mapper;

    public SweepProxyResource(DetectionSweeps sweeps, ObjectMapper mapper) {
        this.sweeps = sweeps;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a threshold sweep (forwarded to detection-service)", description = "Body as "
            + "POST /api/detection/sweeps: {market_type?, interval? (one value or all), start?, end?, symbols?, "
            + "observation_bars?, grid: {setting: [values]}, rank_by?, train_until? | train_fraction?}. 202 with the id; "
            + "every invalid field is detection-service's 400 naming it. Needs the operator token.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = org.eclipse.microprofile
            .openapi.annotations.enums.SchemaType.OBJECT, example = "{\"market_type\":\"spot\",\"interval\":\"4h\","
            + "\"grid\":{\"rvol_threshold\":[6,8,10],\"amplitude_threshold\":[2,3]},\"train_fraction\":0.7}")))
    @APIResponse(responseCode = "202", description = "{id, status, location}; Location header of the sweep")
    @APIResponse(responseCode = "400", description = "Invalid field, as detection-service named it",
            content = @Content(schema = @Schema(implementation = BadParameterBody.class)))
    @APIResponse(responseCode = "401", description = "No or unknown token")
    @APIResponse(responseCode = "403", description = "Token without the operator role")
    @APIResponse(responseCode = "502", description = "detection-service answered 5xx", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "503", description = "detection-service unreachable, too slow, or its circuit breaker open",
            content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public Response start(@Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return forward(() -> sweeps.start(authorization, body));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A sweep's progress and its combinations, best first (from detection-service)",
            description = "{id, status: running|done|failed|cancelled, request, progress, failed, results: [{rank, "
                    + "combination, settings, statistics, out_of_sample}], read_ms, run_ms, created_at, finished_at}. "
                    + "Sweeps live in detection-service's memory: a restart of it forgets them (404).")
    @APIResponse(responseCode = "200", description = "The sweep")
    @APIResponse(responseCode = "400", description = "id or top invalid", content = @Content(schema = @Schema(implementation = BadParameterBody.class)))
    @APIResponse(responseCode = "404", description = "No such sweep")
    @APIResponse(responseCode = "502", description = "detection-service answered 5xx (after two retries)",
            content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "503", description = "detection-service unreachable (after two retries), too slow, or "
            + "its circuit breaker open", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public Response find(@Parameter(description = "The id POST returned") @PathParam("id") String id,
                         @Parameter(description = "How many ranked combinations to return, 1 to 10000 (default 100)")
                         @QueryParam("top") String top) {
        return forward(() -> sweeps.find(id, top));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a running sweep (forwarded to detection-service)", description = "Needs the operator token.")
    @APIResponse(responseCode = "200", description = "The sweep, cancelled")
    @APIResponse(responseCode = "400", description = "id invalid", content = @Content(schema = @Schema(implementation = BadParameterBody.class)))
    @APIResponse(responseCode = "401", description = "No or unknown token")
    @APIResponse(responseCode = "403", description = "Token without the operator role")
    @APIResponse(responseCode = "404", description = "No such sweep")
    @APIResponse(responseCode = "502", description = "detection-service answered 5xx", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "503", description = "detection-service unreachable, too slow, or its circuit breaker open",
            content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public Response cancel(@Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Parameter(description = "The id POST returned") @PathParam("id") String id) {
        return forward(() -> sweeps.cancel(authorization, id));
    }

    private Response forward(Supplier<DetectionAnswer> call) {
        DetectionAnswer answer;
        try {
            answer = call.get();
        } catch (CircuitBreakerOpenException e) {
            throw ApiProblem.detectionUnavailable("recent calls to detection-service failed; it is not called for up to "
                    + DetectionExchange.BREAKER_DELAY_MS / 1000 + " s", DetectionExchange.BREAKER_DELAY_MS / 1000);
        } catch (TimeoutException e) {
            throw ApiProblem.detectionUnavailable("detection-service did not answer in time", 1);
        }
        Response.ResponseBuilder out = Response.status(answer.status())
                .type(answer.contentType() == null ? MediaType.APPLICATION_JSON : answer.contentType())
                .entity(answer.status() / 100 == 2 ? ownLocations(answer.body()) : answer.body());
        if (answer.location() != null) {
            out.header(HttpHeaders.LOCATION, ownLocation(answer.location()));
        }
        return out.build();
    }

    /** The start answer's {@code location} field names this proxy's path (the browser cannot reach detection-service). */
    private String ownLocations(String body) {
        try {
            JsonNode json = mapper.readTree(body);
            if (json instanceof ObjectNode object && object.path("location").isTextual()) {
                object.put("location", ownLocation(object.get("location").asText()));
                return mapper.writeValueAsString(object);
            }
        } catch (JsonProcessingException e) {
            // not JSON: passed on as it came
        }
        return body;
    }

    private static String ownLocation(String location) {
        int at = location.indexOf(DETECTION_PATH);
        return at < 0 ? location : OWN_PATH + location.substring(at + DETECTION_PATH.length());
    }
}
