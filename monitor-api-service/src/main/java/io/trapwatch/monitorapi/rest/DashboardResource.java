package io.trapwatch.monitorapi.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's page routes. The pages are static shells (META-INF/resources/dashboard/) whose scripts call this
 * API; {@code /dashboard/} itself is served as a static file, these routes give the other pages clean URLs.
 */
@Path("/")
@Tag(name = "dashboard")
public class DashboardResource {

    private static final String PAGES = "META-INF/resources/dashboard/";
    private final Map<String, byte[]> shells = new ConcurrentHashMap<>();

    @GET
    @Operation(summary = "Redirects to the dashboard")
    public Response root() {
        return Response.seeOther(URI.create("/dashboard/")).build();
    }

    @GET
    @Path("dashboard")
    @Operation(summary = "Redirects to the dashboard (with its trailing slash)")
    public Response dashboardWithoutSlash() {
        return Response.seeOther(URI.create("/dashboard/")).build();
    }

    @GET
    @Path("dashboard/monitors/{id}")
    @Operation(summary = "Monitor page (HTML): chart with every transition marked, transition log")
    public Response monitorPage(@PathParam("id") String id) {
        return page("monitor.html");
    }

    @GET
    @Path("dashboard/statistics")
    @Operation(summary = "Statistics page (HTML)")
    public Response statisticsPage() {
        return page("statistics.html");
    }

    @GET
    @Path("dashboard/backtest")
    @Operation(summary = "Backtest page (HTML): the outcome of every monitor, filtered, sorted and paged")
    public Response backtestPage() {
        return page("backtest.html");
    }

    @GET
    @Path("dashboard/backtest/statistics")
    @Operation(summary = "Backtest statistics page (HTML): both exits by phase reached, profit and drawdown distributions")
    public Response backtestStatisticsPage() {
        return page("backtest-statistics.html");
    }

    @GET
    @Path("dashboard/sweeps")
    @Operation(summary = "Threshold sweeps page (HTML): start a sweep, watch it, compare the combinations")
    public Response sweepsPage() {
        return page("sweeps.html");
    }

    /** The shell as it is in the jar; the browser revalidates it so a new deployment shows at once. */
    private Response page(String name) {
        byte[] html = shells.computeIfAbsent(name, DashboardResource::read);
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-cache").build();
    }

    private static byte[] read(String name) {
        try (InputStream in = DashboardResource.class.getClassLoader().getResourceAsStream(PAGES + name)) {
            if (in == null) {
                throw new IllegalStateException("page " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
