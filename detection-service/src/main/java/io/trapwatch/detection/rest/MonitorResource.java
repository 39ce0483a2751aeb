package io.trapwatch.detection.rest;

import io.trapwatch.detection.repository.Monitor;
import io.trapwatch.detection.service.MonitorView;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.service.rest.BadParameterException;
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
        MarketType market = parse("market_type", marketType, MarketType.wireNames(), true, MarketType::fromWire);
        Interval iv = parse("interval", interval, Interval.wireNames(), false, Interval::fromWire);
        String sym = symbol == null || symbol.isBlank() ? null : symbol.trim().toUpperCase();
        List<MonitorView> monitors = Monitor.search(market, sym, iv).stream().map(MonitorView::of).toList();
        return Map.of("market_type", market.wire(), "count", monitors.size(), "monitors", monitors);
    }

    private static <T> T parse(String name, String value, List<String> allowed, boolean required,
                               java.util.function.Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new BadParameterException(name, allowed, value, name + " is required");
            }
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(name, allowed, value, e.getMessage());
        }
    }
}
