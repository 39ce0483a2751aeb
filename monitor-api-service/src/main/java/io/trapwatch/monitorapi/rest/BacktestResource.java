package io.trapwatch.monitorapi.rest;

import io.trapwatch.model.MonitorStatus;
import io.trapwatch.service.rest.BadParameterBody;
import io.trapwatch.service.rest.BadParameterException;
import io.trapwatch.service.rest.RequestParameters;
import io.trapwatch.model.outcome.OutcomeStatus;
import io.trapwatch.monitorapi.domain.OutcomeFilter;
import io.trapwatch.monitorapi.repository.OutcomeRow;
import io.trapwatch.monitorapi.service.BacktestQueryService;
import io.trapwatch.monitorapi.service.ResultPage;
import io.trapwatch.monitorapi.service.BacktestStatistics;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of every monitor (decision D18) — the reference's backtest results — and their statistics by phase.
 * Trailing slashes are optional. Answers come through {@link CachedAnswers} (ETag, 304, the response cache).
 */
@Path("/api/volume-trap/backtest")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "backtest")
public class BacktestResource {

    /** The list's path for its page links. */
    private static final String PATH = "api/volume-trap/backtest/";
    /** order_by values and their SQL (a whitelist: nothing of the request reaches the SQL text). */
    private static final Map<String, String> ORDERS = new LinkedHashMap<>();

    static {
        ORDERS.put("-entry_time", "o.entry_time DESC NULLS LAST");
        ORDERS.put("entry_time", "o.entry_time ASC NULLS LAST");
        ORDERS.put("-final_profit_percent", "%s DESC NULLS LAST");
        ORDERS.put("final_profit_percent", "%s ASC NULLS LAST");
        ORDERS.put("-max_profit_percent", "o.max_profit_percent DESC NULLS LAST");
        ORDERS.put("max_profit_percent", "o.max_profit_percent ASC NULLS LAST");
        ORDERS.put("-symbol", "m.symbol DESC");
        ORDERS.put("symbol", "m.symbol ASC");
    }

    private static final List<String> EXITS = List.of("hold", "invalidation_stop");
    private static final List<String> RESULTS = List.of("profit", "loss");

    private final BacktestQueryService backtests;
    private final CachedAnswers answers;

    public BacktestResource(BacktestQueryService backtests, CachedAnswers answers) {
        this.backtests = backtests;
        this.answers = answers;
    }

    @GET
    @Operation(summary = "Outcomes of the monitors (backtest results)", description = "Filtered and paged like the monitor "
            + "list. The profit filter and the final-profit order use the exit chosen by `exit` (default hold).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BacktestPageView.class)),
            headers = @Header(name = "ETag", description = CachedAnswers.ETAG_DOC))
    @APIResponse(responseCode = "304", description = CachedAnswers.NOT_MODIFIED_DOC)
    @APIResponse(responseCode = "400", description = "Invalid parameter", content = @Content(schema = @Schema(implementation = BadParameterBody.class)))
    @APIResponse(responseCode = "404", description = "Page past the last page", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public Response list(
            @Parameter(schema = @Schema(enumeration = {"spot", "futures", "all"}, defaultValue = "all")) @QueryParam("market_type") String marketType,
            @Parameter(schema = @Schema(enumeration = {"1h", "4h", "1d"})) @QueryParam("interval") String interval,
            @Parameter(description = "Outcome status", schema = @Schema(enumeration = {"insufficient_data", "open", "completed"}))
            @QueryParam("status") String status,
            @Parameter(description = "The monitor's current status", schema = @Schema(enumeration = {"pending", "suspected_abandonment",
                    "confirmed_abandonment", "invalidated", "expired"})) @QueryParam("monitor_status") String monitorStatus,
            @Parameter(description = "Part of a Binance symbol, case-insensitive") @QueryParam("symbol") String symbol,
            @Parameter(description = "First UTC date (inclusive) of the entry time", schema = @Schema(format = "date")) @QueryParam("start_date") String startDate,
            @Parameter(description = "Last UTC date (inclusive) of the entry time", schema = @Schema(format = "date")) @QueryParam("end_date") String endDate,
            @Parameter(description = "Only winners (final profit > 0) or losers (≤ 0) of the chosen exit",
                    schema = @Schema(enumeration = {"profit", "loss"})) @QueryParam("result") String result,
            @Parameter(description = "Exit the result filter and the final-profit order use",
                    schema = @Schema(enumeration = {"hold", "invalidation_stop"}, defaultValue = "hold")) @QueryParam("exit") String exit,
            @Parameter(schema = @Schema(enumeration = {"-entry_time", "entry_time", "-final_profit_percent", "final_profit_percent",
                    "-max_profit_percent", "max_profit_percent", "-symbol", "symbol"}, defaultValue = "-entry_time"))
            @QueryParam("order_by") String orderBy,
            @Parameter(schema = @Schema(defaultValue = "1", pattern = "[1-9][0-9]*|last")) @QueryParam("page") String page,
            @Parameter(schema = @Schema(defaultValue = "20", minimum = "1", maximum = "100")) @QueryParam("page_size") String pageSize,
            @Context UriInfo uri, @Context HttpHeaders headers) throws SQLException {
        boolean stop = RequestParameters.given(exit).map(e -> oneOf("exit", e, EXITS)).orElse("hold").equals("invalidation_stop");
        Optional<OutcomeStatus> outcomeStatus = RequestParameters.given(status).map(s -> OutcomeStatus.fromWire(oneOf("status", s,
                OutcomeStatus.wireNames())));
        OutcomeFilter filter = filter(marketType, interval, outcomeStatus.map(List::of).orElse(List.of()), monitorStatus,
                symbol, startDate, endDate, RequestParameters.given(result).map(r -> oneOf("result", r, RESULTS).equals("profit")), stop);
        String order = RequestParameters.given(orderBy).map(o -> oneOf("order_by", o, List.copyOf(ORDERS.keySet())))
                .orElse("-entry_time");
        String orderSql = String.format(ORDERS.get(order), stop ? "o.stop_profit_percent" : "o.hold_profit_percent");
        var selector = ListParams.page(page);
        int size = ListParams.pageSize(pageSize);
        // Keyed by the whole request URL: the page links repeat its host and its parameters as given.
        return answers.answer(headers, "backtest " + uri.getRequestUri(), () -> {
            ResultPage<OutcomeRow> listing = backtests.list(filter, orderSql, selector, size);
            return new BacktestPageView(listing.count(), ListParams.next(uri, PATH, listing), ListParams.previous(uri, PATH, listing),
                    listing.rows().stream().map(BacktestView::of).toList());
        });
    }

    @GET
    @Path("/statistics")
    @Operation(summary = "Backtest statistics by phase", description = "§9 metrics with the D12 fixes for both exits "
            + "(hold to the end of the window, invalidation stop): overall, by the monitor's current status and by the "
            + "furthest phase it reached. Completed outcomes unless `status` asks for others (comma-separated or `all`). "
            + "No losing trade: profit_factor null with profit_factor_infinite true; a final profit of exactly 0 is a loss.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BacktestStatistics.class)),
            headers = @Header(name = "ETag", description = CachedAnswers.ETAG_DOC))
    @APIResponse(responseCode = "304", description = CachedAnswers.NOT_MODIFIED_DOC)
    @APIResponse(responseCode = "400", description = "Invalid parameter", content = @Content(schema = @Schema(implementation = BadParameterBody.class)))
    public Response statistics(
            @Parameter(schema = @Schema(enumeration = {"spot", "futures", "all"}, defaultValue = "all")) @QueryParam("market_type") String marketType,
            @Parameter(schema = @Schema(enumeration = {"1h", "4h", "1d"})) @QueryParam("interval") String interval,
            @Parameter(description = "Outcome statuses to count, comma-separated, or all", schema = @Schema(defaultValue = "completed"))
            @QueryParam("status") String status,
            @Parameter(description = "The monitor's current status") @QueryParam("monitor_status") String monitorStatus,
            @Parameter(description = "Part of a Binance symbol, case-insensitive") @QueryParam("symbol") String symbol,
            @Parameter(schema = @Schema(format = "date")) @QueryParam("start_date") String startDate,
            @Parameter(schema = @Schema(format = "date")) @QueryParam("end_date") String endDate,
            @Context UriInfo uri, @Context HttpHeaders headers) throws SQLException {
        OutcomeFilter filter = filter(marketType, interval, statuses(status), monitorStatus, symbol, startDate, endDate,
                Optional.empty(), false);
        // Every outcome of the filter is read for these: the answer most worth keeping.
        return answers.answer(headers, "backtest-statistics " + uri.getRequestUri().getRawQuery(), () -> backtests.statistics(filter));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One monitor's outcome (the id is the monitor's id)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BacktestView.class)),
            headers = @Header(name = "ETag", description = CachedAnswers.ETAG_DOC))
    @APIResponse(responseCode = "304", description = CachedAnswers.NOT_MODIFIED_DOC)
    @APIResponse(responseCode = "400", description = "id is not a positive integer", content = @Content(schema = @Schema(implementation = BadParameterBody.class)))
    @APIResponse(responseCode = "404", description = "No such monitor, or no outcome for it yet", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public Response detail(@Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @PathParam("id") String id,
                           @Context HttpHeaders headers) throws SQLException {
        long monitorId = RequestParameters.positiveId("id", id);
        return answers.answer(headers, "backtest-monitor " + monitorId, () -> backtests.find(monitorId).map(BacktestView::of).orElseThrow(() ->
                ApiProblem.notFound("Backtest result not found", "monitor " + monitorId + " does not exist or has no outcome yet")));
    }

    private static OutcomeFilter filter(String marketType, String interval, List<OutcomeStatus> statuses, String monitorStatus,
                                        String symbol, String startDate, String endDate, Optional<Boolean> profitable,
                                        boolean stop) {
        var market = RequestParameters.marketTypeOrAll(marketType);
        var iv = RequestParameters.interval(interval);
        Optional<MonitorStatus> monitor = RequestParameters.given(monitorStatus)
                .map(s -> MonitorStatus.fromWire(oneOf("monitor_status", s, MonitorStatus.wireNames())));
        ListParams.DateRange entered = ListParams.dates(startDate, endDate);
        return new OutcomeFilter(market, iv, statuses, monitor, RequestParameters.symbol("symbol", symbol), entered.from(),
                entered.before(), profitable, stop);
    }

    /** Empty = the default (completed); {@code all} = every status; else comma-separated outcome statuses. */
    private static List<OutcomeStatus> statuses(String value) {
        Optional<String> given = RequestParameters.given(value);
        if (given.isEmpty()) {
            return List.of();
        }
        if (given.get().equals("all")) {
            return List.of(OutcomeStatus.values());
        }
        List<String> allowed = new ArrayList<>(OutcomeStatus.wireNames());
        allowed.add("all");
        List<OutcomeStatus> out = new ArrayList<>();
        for (String part : given.get().split(",")) {
            out.add(OutcomeStatus.fromWire(oneOf("status", part.trim(), allowed)));
        }
        return out;
    }

    private static String oneOf(String name, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new BadParameterException(name, name + " must be one of: " + allowed, allowed, value);
        }
        return value;
    }
}
