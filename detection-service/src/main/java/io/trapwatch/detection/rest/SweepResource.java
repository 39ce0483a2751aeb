package io.trapwatch.detection.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.trapwatch.detection.domain.DetectionSettings;
import io.trapwatch.detection.service.OutcomeKeeper;
import io.trapwatch.detection.service.SweepRun;
import io.trapwatch.detection.service.SweepService;
import io.trapwatch.detection.service.SweepSpec;
import io.trapwatch.service.rest.BadParameterException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Threshold sweeps: which detector settings would have worked best on the stored bars. */
@Path("/api/detection/sweeps")
@Produces(MediaType.APPLICATION_JSON)
public class SweepResource {

    private static final int DEFAULT_TOP = 100;

    private final SweepService sweeps;
    private final DetectionSettings settings;
    private final OutcomeKeeper outcomes;
    private final ObjectMapper mapper;
    private final ObjectMapper snakeCase;

    public SweepResource(SweepService sweeps, DetectionSettings settings, OutcomeKeeper outcomes, ObjectMapper mapper) {
        this.sweeps = sweeps;
        this.settings = settings;
        this.outcomes = outcomes;
        this.mapper = mapper;
        this.snakeCase = mapper.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a threshold sweep", description = "Body: {market_type?, interval? (one value or 'all', "
            + "default all), start?, end?, symbols?, observation_bars?, grid: {setting: [values]}, rank_by?, "
            + "train_until? | train_fraction?}. 202 with the sweep's id; every invalid field is a 400 naming it.")
    public Response start(String json) {
        SweepSpec spec = SweepRequests.validate(read(json), settings, outcomes.observationBars());
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("market_types", spec.marketTypes().stream().map(m -> m.wire()).toList());
        echo.put("intervals", spec.intervals().stream().map(i -> i.wire()).toList());
        echo.put("start", spec.start() == null ? null : spec.start().toString());
        echo.put("end", spec.end() == null ? null : spec.end().toString());
        echo.put("symbols", spec.symbols());
        echo.put("observation_bars", spec.observationBars());
        echo.put("combinations", spec.grid().size());
        echo.put("rank_by", spec.rankBy());
        echo.put("train_until", spec.trainUntil() == null ? null : spec.trainUntil().toString());
        echo.put("train_fraction", spec.trainFraction());
        SweepRun run = sweeps.start(spec, echo);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", run.id.toString());
        body.put("status", run.status);
        body.put("location", "/api/detection/sweeps/" + run.id);
        return Response.accepted(body).header("Location", "/api/detection/sweeps/" + run.id).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A sweep's progress and its combinations, best first")
    public Response get(@PathParam("id") String id,
                        @Parameter(description = "How many ranked combinations to return, 1 to 10000 (default 100)")
                        @QueryParam("top") String top) {
        int limit = top(top);
        return sweeps.find(uuid(id)).map(run -> Response.ok(view(run, limit)).build()).orElseGet(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a running sweep")
    public Response cancel(@PathParam("id") String id) {
        return sweeps.cancel(uuid(id)).map(run -> Response.ok(view(run, 0)).build()).orElseGet(() -> notFound(id));
    }

    private static Response notFound(String id) {
        return Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", "no sweep with id " + id)).build();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("id", "id is not a sweep id", List.of("a sweep id returned by POST /api/detection/sweeps"), id);
        }
    }

    private static int top(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_TOP;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 10_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadParameterException("top", "top must be an integer from 1 to 10000", List.of("an integer from 1 to 10000"), value);
    }

    private SweepRequest read(String body) {
        try {
            return body == null || body.isBlank() ? null : mapper.readValue(body, SweepRequest.class);
        } catch (JsonProcessingException e) {
            throw new BadParameterException("body", "request body is not a valid sweep request: " + e.getOriginalMessage(), List.of("a JSON object such as {\"grid\":{\"rvol_threshold\":[6,8,10]}}"), null);
        }
    }

    private Map<String, Object> view(SweepRun run, int limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", run.id.toString());
        body.put("status", run.status);
        body.put("request", run.request);
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("series_read", run.seriesRead.get());
        progress.put("series_total", run.seriesTotal);
        progress.put("bars_read", run.barsRead.get());
        progress.put("combinations_done", run.combinationsDone.get());
        progress.put("combinations_total", run.spec.grid().size());
        body.put("progress", progress);
        body.put("failed", run.failedSeries);
        List<SweepRun.Result> results = run.results;
        body.put("results", snakeCase.convertValue(results.subList(0, Math.min(limit, results.size())),
                new TypeReference<List<Object>>() {
                }));
        body.put("error", run.error);
        body.put("read_ms", run.readMillis);
        body.put("run_ms", run.runMillis);
        body.put("created_at", run.createdAt.toString());
        body.put("finished_at", run.finishedAt == null ? null : run.finishedAt.toString());
        return body;
    }
}
