package io.trapwatch.detection.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trapwatch.detection.service.MonitorQueries;
import io.trapwatch.detection.service.MonitorView;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.service.rest.RequestParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/** This service's own monitors with their transition logs (debugging and end-to-end checks). */
@Path("/api/detection/monitors")
@Produces(MediaType.APPLICATION_JSON)
public class MonitorResource {

    private final MonitorQueries monitors;

    public MonitorResource(MonitorQueries monitors) {
        this.monitors = monitors;
    }

    @GET
    public MonitorList list(@RestQuery("market_type") String marketType, @RestQuery String symbol,
                            @RestQuery String interval) {
        MarketType market = RequestParameters.marketType(marketType);
        Interval iv = RequestParameters.interval(interval).orElse(null);
        String sym = RequestParameters.symbol("symbol", symbol).orElse(null);
        List<MonitorView> found = monitors.search(market, sym, iv);
        return new MonitorList(market, found.size(), found);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MonitorList(MarketType marketType, int count, List<MonitorView> monitors) {
    }
}
