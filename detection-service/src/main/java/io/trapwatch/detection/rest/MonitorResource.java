package io.trapwatch.detection.rest;

import io.trapwatch.detection.repository.Monitor;
import io.trapwatch.detection.service.MonitorView;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.service.rest.RequestParameters;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.Map;

/** This service's own monitors with their transition logs (debugging and end-to-end checks). */
@Path("/api/detection/monitors")
@Produces(MediaType.APPLICATION_JSON)
public class MonitorResource {

    @GET
    @Transactional
    public Map<String, Object> list(@RestQuery("market_type") String marketType, @RestQuery String symbol,
                                    @RestQuery String interval) {
        MarketType market = RequestParameters.marketType(marketType);
        Interval iv = RequestParameters.interval(interval).orElse(null);
        String sym = RequestParameters.symbol("symbol", symbol).orElse(null);
        List<MonitorView> monitors = Monitor.search(market, sym, iv).stream().map(MonitorView::of).toList();
        return Map.of("market_type", market.wire(), "count", monitors.size(), "monitors", monitors);
    }
}
