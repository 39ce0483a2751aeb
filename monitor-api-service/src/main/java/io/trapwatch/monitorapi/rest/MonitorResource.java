package io.trapwatch.monitorapi.rest;

import io.trapwatch.monitorapi.domain.MonitorFilter;
import io.trapwatch.monitorapi.domain.MonitorOrder;
import io.trapwatch.monitorapi.repository.ListedMonitor;
import io.trapwatch.monitorapi.repository.MonitorDetail;
import io.trapwatch.monitorapi.service.ResultPage;
import io.trapwatch.monitorapi.service.MonitorQueryService;
import io.trapwatch.service.rest.BadParameterBody;
import io.trapwatch.service.rest.RequestParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.SQLException;
import java.util.Map;

/**
 * The monitor pool: filtered, paged list and one monitor with its full history. Trailing slashes are optional.
 * Answers come through {@link CachedAnswers} (ETag, 304, the response cache): read and rendered once per read-model
 * version and request.
 */
@Path("/api/volume-trap/monitors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "monitors")
public class MonitorResource {

    /** The list's path for its page links (with the slash, as the reference wrote it). */
    private static final String PATH = "api/volume-trap/monitors/";
    private static final String STATUS_DOC = "Status filter: one status or several separated by commas (pending, "
            + "suspected_abandonment, confirmed_abandonment, invalidated, expired); not given = every status";

    private final MonitorQueryService monitors;
    private final MonitorViews views;
    private final CachedAnswers answers;

    public MonitorResource(MonitorQueryService monitors, MonitorViews views, CachedAnswers answers) {
        this.monitors = monitors;
        this.views = views;
        this.answers = answers;
    }

    @GET
    @Operation(summary = "List monitors", description = "Ordered by trigger time descending, then id descending, unless "
            + "sort says otherwise. Empty values count as not given. Invalid values answer 400; a page past the last answers 404.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MonitorPageView.class)),
            headers = @Header(name = "ETag", description = CachedAnswers.ETAG_DOC))
    @APIResponse(responseCode = "304", description = CachedAnswers.NOT_MODIFIED_DOC)
    @APIResponse(responseCode = "400", description = "Invalid parameter", content = @Content(schema = @Schema(implementation = BadParameterBody.class)))
    @APIResponse(responseCode = "404", description = "Page past the last page", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public Response list(
            @Parameter(description = "Market filter", schema = @Schema(enumeration = {"spot", "futures", "all"}, defaultValue = "all"))
            @QueryParam("market_type") String marketType,
            @Parameter(description = STATUS_DOC, example = "pending,suspected_abandonment")
            @QueryParam("status") String status,
            @Parameter(description = "Interval filter", schema = @Schema(enumeration = {"1h", "4h", "1d"}))
            @QueryParam("interval") String interval,
            @Parameter(description = "Exact Binance symbol (case-insensitive), e.g. BTCUSDT", schema = @Schema(pattern = "[A-Za-z0-9]{2,32}"))
            @QueryParam("symbol") String symbol,
            @Parameter(description = "First UTC date (inclusive) of the trigger time, YYYY-MM-DD", schema = @Schema(format = "date"))
            @QueryParam("start_date") String startDate,
            @Parameter(description = "Last UTC date (inclusive) of the trigger time, YYYY-MM-DD", schema = @Schema(format = "date"))
            @QueryParam("end_date") String endDate,
            @Parameter(description = "Page number from 1, or 'last'", schema = @Schema(defaultValue = "1", pattern = "[1-9][0-9]*|last"))
            @QueryParam("page") String page,
            @Parameter(description = "Monitors per page, 1 to 100", schema = @Schema(defaultValue = "20", minimum = "1", maximum = "100"))
            @QueryParam("page_size") String pageSize,
            @Parameter(description = "Sort column, '-' in front for descending; ties by trigger time descending, then id "
                    + "descending. Interval sorts 1h, 4h, 1d; status in lifecycle order; missing prices last.",
                    schema = @Schema(defaultValue = "-trigger_time", enumeration = {"symbol", "-symbol", "market_type",
                            "-market_type", "interval", "-interval", "status", "-status", "trigger_time", "-trigger_time",
                            "trigger_price", "-trigger_price", "current_price", "-current_price", "price_change_percent",
                            "-price_change_percent"}))
            @QueryParam("sort") String sort,
            @Context UriInfo uri, @Context HttpHeaders headers) throws SQLException {
        MonitorFilter filter = filter(marketType, status, interval, symbol, startDate, endDate);
        MonitorOrder order = ListParams.order(sort);
        var selector = ListParams.page(page);
        int size = ListParams.pageSize(pageSize);
        // Keyed by the whole request URL: the page links repeat its host and its parameters as given.
        return answers.answer(headers, "list " + uri.getRequestUri(), () -> {
            ResultPage<ListedMonitor> listing = monitors.list(filter, order, selector, size);
            return new MonitorPageView(listing.count(), ListParams.next(uri, PATH, listing), ListParams.previous(uri, PATH, listing),
                    listing.rows().stream().map(m -> views.summary(m.monitor(), m.outcome())).toList());
        });
    }

    @GET
    @Path("/status-counts")
    @Operation(summary = "Monitors per status under a list filter",
            description = "The list's filters except status (and paging): each of the five statuses with its count, 0 "
                    + "included, and the total. The dashboard shows these next to its status filter.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StatusCountsView.class)),
            headers = @Header(name = "ETag", description = CachedAnswers.ETAG_DOC))
    @APIResponse(responseCode = "304", description = CachedAnswers.NOT_MODIFIED_DOC)
    @APIResponse(responseCode = "400", description = "Invalid parameter", content = @Content(schema = @Schema(implementation = BadParameterBody.class)))
    public Response statusCounts(
            @Parameter(description = "Market filter", schema = @Schema(enumeration = {"spot", "futures", "all"}, defaultValue = "all"))
            @QueryParam("market_type") String marketType,
            @Parameter(description = "Interval filter", schema = @Schema(enumeration = {"1h", "4h", "1d"}))
            @QueryParam("interval") String interval,
            @Parameter(description = "Exact Binance symbol (case-insensitive)", schema = @Schema(pattern = "[A-Za-z0-9]{2,32}"))
            @QueryParam("symbol") String symbol,
            @Parameter(description = "First UTC date (inclusive) of the trigger time, YYYY-MM-DD", schema = @Schema(format = "date"))
            @QueryParam("start_date") String startDate,
            @Parameter(description = "Last UTC date (inclusive) of the trigger time, YYYY-MM-DD", schema = @Schema(format = "date"))
            @QueryParam("end_date") String endDate,
            @Context HttpHeaders headers) throws SQLException {
        MonitorFilter filter = filter(marketType, null, interval, symbol, startDate, endDate);
        String key = "status-counts " + filter.marketType().map(m -> m.wire()).orElse("all") + " "
                + filter.interval().map(i -> i.wire()).orElse("any") + " " + filter.symbol().orElse("any") + " "
                + filter.triggeredFrom().map(Object::toString).orElse("-") + " " + filter.triggeredBefore().map(Object::toString).orElse("-");
        return answers.answer(headers, key, () -> {
            Map<String, Long> counts = monitors.countPerStatus(filter);
            return new StatusCountsView(counts, counts.values().stream().mapToLong(Long::longValue).sum());
        });
    }

    private static MonitorFilter filter(String marketType, String status, String interval, String symbol,
                                        String startDate, String endDate) {
        var statusFilter = ListParams.statuses(status);
        var intervalFilter = RequestParameters.interval(interval);
        var market = RequestParameters.marketTypeOrAll(marketType);
        ListParams.DateRange triggered = ListParams.dates(startDate, endDate);
        var symbolFilter = RequestParameters.symbol("symbol", symbol);
        return new MonitorFilter(market, statusFilter, intervalFilter, symbolFilter, triggered.from(), triggered.before());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One monitor with its full transition log and every indicator snapshot")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MonitorDetailView.class)),
            headers = @Header(name = "ETag", description = CachedAnswers.ETAG_DOC))
    @APIResponse(responseCode = "304", description = CachedAnswers.NOT_MODIFIED_DOC)
    @APIResponse(responseCode = "400", description = "id is not a positive integer", content = @Content(schema = @Schema(implementation = BadParameterBody.class)))
    @APIResponse(responseCode = "404", description = "No monitor with this id", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public Response detail(@Parameter(description = "Monitor id", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER, minimum = "1"))
                           @PathParam("id") String id, @Context HttpHeaders headers) throws SQLException {
        long monitorId = RequestParameters.positiveId("id", id);
        return answers.answer(headers, "monitor " + monitorId, () -> {
            MonitorDetail found = monitors.detail(monitorId)
                    .orElseThrow(() -> ApiProblem.notFound("Monitor not found", "monitor " + monitorId + " does not exist"));
            return views.detail(found.monitor(), found.outcome(), found.transitions());
        });
    }
}
