package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trapwatch.service.rest.BadParameterException;
import io.trapwatch.service.rest.RequestParameters;
import io.trapwatch.monitorapi.service.SubscriptionService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.SQLException;
import java.util.List;

/**
 * Alert subscriptions. Bodies are read as text and checked field by field ({@link SubscriptionBody}), so every
 * mistake is a 400 that names the field.
 */
@Path("/api/volume-trap/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
public class SubscriptionResource {

    private static final String BODY_EXAMPLE = "{\"channel\":{\"type\":\"webhook\",\"url\":\"https://example.org/hook\","
            + "\"secret\":\"at-least-16-characters\"},\"market_types\":[\"futures\"],\"intervals\":[\"1h\"],"
            + "\"statuses\":[\"suspected_abandonment\"],\"min_trigger_quote_volume\":\"100000\"}";

    private final SubscriptionService subscriptions;
    private final ObjectMapper mapper;

    public SubscriptionResource(SubscriptionService subscriptions, ObjectMapper mapper) {
        this.subscriptions = subscriptions;
        this.mapper = mapper;
    }

    /** A page of subscriptions. */
    public record SubscriptionPage(List<SubscriptionView> results, String next) {
    }

    /** A page of one subscription's deliveries, newest first. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeliveryPage(long subscriptionId, List<DeliveryView> deliveries) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Subscribe to alerts", description = "channel: webhook {url, secret} or telegram {bot_token_ref "
            + "(name of the setting holding the token), chat_id}. Filters (omitted = default): market_types (all), intervals "
            + "(all), symbols (all), statuses (pending, suspected_abandonment, confirmed_abandonment; invalidated and expired "
            + "optional), min_trigger_quote_volume (0). Secrets are write-only.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, example = BODY_EXAMPLE))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid (named in the body)")
    @APIResponse(responseCode = "503", description = "Webhook asked for but no secret key is configured")
    public Response create(String body, @Context UriInfo uri) throws SQLException {
        SubscriptionView created = SubscriptionView.of(subscriptions.create(SubscriptionBody.parse(mapper, body)));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build()).entity(created).build();
    }

    @GET
    @Operation(summary = "Subscriptions by id, after_id for the next page")
    public SubscriptionPage list(@QueryParam("after_id") String afterId, @QueryParam("limit") String limit,
                                 @Context UriInfo uri) throws SQLException {
        long after = RequestParameters.given(afterId).isEmpty() ? 0 : RequestParameters.positiveId("after_id", afterId);
        int size = RequestParameters.intInRange("limit", limit, 1, 500).orElse(100);
        List<SubscriptionView> page = subscriptions.page(after, size).stream().map(SubscriptionView::of).toList();
        String next = page.size() < size ? null : uri.getRequestUriBuilder()
                .replaceQueryParam("after_id", page.get(page.size() - 1).id()).build().toString();
        return new SubscriptionPage(page, next);
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "404", description = "No such subscription")
    public SubscriptionView get(@PathParam("id") String id) throws SQLException {
        long key = RequestParameters.positiveId("id", id);
        return subscriptions.find(key).map(SubscriptionView::of).orElseThrow(() -> notFound(key));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Replace a subscription", description = "The same body as POST; a webhook keeps its stored "
            + "secret when none is given. \"enabled\": true resumes a subscription paused after repeated failures.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, example = BODY_EXAMPLE))
    public SubscriptionView replace(@PathParam("id") String id, String body) throws SQLException {
        long key = RequestParameters.positiveId("id", id);
        return subscriptions.update(key, SubscriptionBody.parse(mapper, body)).map(SubscriptionView::of)
                .orElseThrow(() -> notFound(key));
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Deleted with its deliveries")
    public Response delete(@PathParam("id") String id) throws SQLException {
        long key = RequestParameters.positiveId("id", id);
        if (!subscriptions.delete(key)) {
            throw notFound(key);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "Deliveries of a subscription, newest first", description = "status: pending, delivered or failed "
            + "(parked after the last attempt); limit 1..500 (100).")
    public DeliveryPage deliveries(@PathParam("id") String id, @QueryParam("status") String status,
                                   @QueryParam("limit") String limit) throws SQLException {
        long key = RequestParameters.positiveId("id", id);
        String wanted = RequestParameters.given(status).orElse(null);
        if (wanted != null && !List.of("pending", "delivered", "failed").contains(wanted)) {
            throw new BadParameterException("status", "status must be one of pending, delivered, failed",
                    List.of("pending", "delivered", "failed"), status);
        }
        int size = RequestParameters.intInRange("limit", limit, 1, 500).orElse(100);
        return subscriptions.deliveries(key, wanted, size)
                .map(rows -> new DeliveryPage(key, rows.stream().map(DeliveryView::of).toList()))
                .orElseThrow(() -> notFound(key));
    }

    private static ApiProblem notFound(long id) {
        return ApiProblem.notFound("Subscription not found", "subscription " + id + " does not exist");
    }
}
