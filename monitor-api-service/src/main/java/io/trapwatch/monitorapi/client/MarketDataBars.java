package io.trapwatch.monitorapi.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Instant;
import java.util.List;

/**
 * Bars of one series from market-data-service, with its failures sorted into {@link MarketDataFailure.Kind}s.
 * Connect and read timeouts (configuration) bound every call, so a hung upstream never hangs a request here.
 */
@ApplicationScoped
public class MarketDataBars {

    private final MarketDataApi api;
    private final ObjectMapper mapper;

    public MarketDataBars(@RestClient MarketDataApi api, ObjectMapper mapper) {
        this.api = api;
        this.mapper = mapper;
    }

    /** Bars with start ≤ open time ≤ end (either bound optional), ascending, at most {@code limit}. */
    public List<KlineBar> bars(MarketType market, String symbol, Interval interval, Instant start, Instant end, int limit) {
        String body;
        try {
            body = api.klines(market.wire(), symbol, interval.wire(), start == null ? null : start.toString(),
                    end == null ? null : end.toString(), limit);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404) {
                throw new MarketDataFailure(MarketDataFailure.Kind.UNKNOWN_SYMBOL,
                        "market-data-service knows no " + market.wire() + " symbol " + symbol, e);
            }
            throw new MarketDataFailure(MarketDataFailure.Kind.BAD_ANSWER, "market-data-service answered HTTP " + status, e);
        } catch (ProcessingException e) {
            throw new MarketDataFailure(MarketDataFailure.Kind.UNAVAILABLE,
                    "market-data-service did not answer: " + Causes.rootMessage(e), e);
        }
        try {
            KlinePage page = mapper.readValue(body, KlinePage.class);
            if (page == null || page.klines() == null || page.klines().stream().anyMatch(b -> b == null || b.openTime() == null)) {
                throw new MarketDataFailure(MarketDataFailure.Kind.BAD_ANSWER, "market-data-service answered without klines", null);
            }
            return page.klines();
        } catch (JsonProcessingException e) {
            throw new MarketDataFailure(MarketDataFailure.Kind.BAD_ANSWER,
                    "market-data-service answered something that is not its kline JSON", e);
        }
    }
}
