package io.trapwatch.monitorapi.rest;

import io.quarkus.qute.Engine;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's pages. Each is a static shell (Qute templates under templates/dashboard/: one layout with the head
 * and navigation, shared filter fields) whose scripts call this API; rendered once, they carry no data and no inline
 * script, so the Content-Security-Policy holds.
 */
@Path("/")
@Tag(name = "dashboard")
public class DashboardResource {

    private final Engine templates;
    private final Map<String, byte[]> shells = new ConcurrentHashMap<>();

    public DashboardResource(Engine templates) {
        this.templates = templates;
    }

    @GET
    @Operation(summary = "Redirects to the dashboard")
    public Response root() {
        return Response.seeOther(URI.create("/dashboard/")).build();
    }

    @GET
    @Path("dashboard")
    @Operation(summary = "Monitor pool page (HTML) at /dashboard/; without the trailing slash a redirect to it")
    public Response pool(@Context UriInfo uri) {
        return uri.getRequestUri().getRawPath().endsWith("/") ? page("pool")
                : Response.seeOther(URI.create("/dashboard/")).build();
    }

    @GET
    @Path("dashboard/monitors/{id}")
    @Operation(summary = "Monitor page (HTML): chart with every transition marked, transition log")
    public Response monitorPage(@PathParam("id") String id) {
        return page("monitor");
    }

    @GET
    @Path("dashboard/statistics")
    @Operation(summary = "Statistics page (HTML)")
    public Response statisticsPage() {
        return page("statistics");
    }

    @GET
    @Path("dashboard/backtest")
    @Operation(summary = "Backtest page (HTML): the outcome of every monitor, filtered, sorted and paged")
    public Response backtestPage() {
        return page("backtest");
    }

    @GET
    @Path("dashboard/backtest/statistics")
    @Operation(summary = "Backtest statistics page (HTML): both exits by phase reached, profit and drawdown distributions")
    public Response backtestStatisticsPage() {
        return page("backtest-statistics");
    }

    @GET
    @Path("dashboard/sweeps")
    @Operation(summary = "Threshold sweeps page (HTML): start a sweep, watch it, compare the combinations")
    public Response sweepsPage() {
        return page("sweeps");
    }

    /** The rendered shell; the browser revalidates it so a new deployment shows at once. */
    private Response page(String name) {
        byte[] html = shells.computeIfAbsent(name, n -> templates.getTemplate("dashboard/" + n).render().getBytes(StandardCharsets.UTF_8));
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-cache").build();
    }
}
