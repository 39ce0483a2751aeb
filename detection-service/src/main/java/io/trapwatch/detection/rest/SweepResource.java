package io.trapwatch.detection.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.detection.domain.DetectionSettings;
import io.trapwatch.detection.service.OutcomeKeeper;
import io.trapwatch.detection.service.SweepRun;
import io.trapwatch.detection.service.SweepService;
import io.trapwatch.detection.service.SweepSpec;
import io.trapwatch.detection.service.SweepView;
import io.trapwatch.service.rest.ErrorBody;
import io.trapwatch.service.rest.RequestParameters;
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

import java.util.Optional;
import java.util.UUID;

/** Threshold sweeps: which detector settings would have worked best on the stored bars. */
@Path(SweepResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class SweepResource {

    static final String PATH = "/api/detection/sweeps";
    private static final int DEFAULT_TOP = 100;
    private static final int MAX_TOP = 10_000;

    private final SweepService sweeps;
    private final DetectionSettings settings;
    private final OutcomeKeeper outcomes;
    private final ObjectMapper mapper;

    public SweepResource(SweepService sweeps, DetectionSettings settings, OutcomeKeeper outcomes, ObjectMapper mapper) {
        this.sweeps = sweeps;
        this.settings = settings;
        this.outcomes = outcomes;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a threshold sweep", description = "Body: {market_type?, interval? (one value or 'all', "
            + "default all), start?, end?, symbols?, observation_bars?, grid: {setting: [values]}, rank_by?, "
            + "train_until? | train_fraction?}. 202 with the sweep's id; every invalid field is a 400 naming it.")
    public Response start(String json) {
        SweepRequest request = JsonBody.read(mapper, json, SweepRequest.class, "sweep request",
                "{\"grid\":{\"rvol_threshold\":[6,8,10]}}");
        SweepSpec spec = SweepRequests.validate(request, settings, outcomes.observationBars());
        SweepRun run = sweeps.start(spec);
        return Accepted.response(PATH, run.id, run.status);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A sweep's progress and its combinations, best first")
    public Response get(@PathParam("id") String id,
                        @Parameter(description = "How many ranked combinations to return, 1 to 10000 (default 100)")
                        @QueryParam("top") String top) {
        int limit = RequestParameters.intInRange("top", top, 1, MAX_TOP).orElse(DEFAULT_TOP);
        return answer(sweeps.find(uuid(id)), limit, id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a running sweep")
    public Response cancel(@PathParam("id") String id) {
        return answer(sweeps.cancel(uuid(id)), 0, id);
    }

    private static Response answer(Optional<SweepRun> run, int top, String id) {
        return run.map(r -> Response.ok(SweepView.of(r, top)).build())
                .orElseGet(() -> ErrorBody.response(Response.Status.NOT_FOUND, "no sweep with id " + id));
    }

    private static UUID uuid(String id) {
        return RequestParameters.uuid("id", id, "a sweep id returned by POST " + PATH);
    }
}
