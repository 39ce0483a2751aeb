package io.trapwatch.monitorapi.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.time.Instant;
import java.util.List;

/**
 * Bars of one series from market-data-service through {@link MarketDataClient}, with every failure ending as a
 * {@link MarketDataFailure} of its {@link MarketDataFailure.Kind} (the fault-tolerance refusals included), so callers
 * handle one exception.
 */
@ApplicationScoped
public class MarketDataReader {

    private final MarketDataClient client;
    private final ObjectMapper mapper;

    public MarketDataReader(MarketDataClient client, ObjectMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    /** Bars with start ≤ open time ≤ end (either bound optional), ascending, at most {@code limit}. */
    public List<KlineBar> bars(MarketType market, String symbol, Interval interval, Instant start, Instant end, int limit) {
        String body;
        try {
            body = client.klines(market, symbol, interval, start, end, limit);
        } catch (TimeoutException e) {
            throw new MarketDataFailure.Unavailable("market-data-service did not answer in time", e);
        } catch (CircuitBreakerOpenException e) {
            throw new MarketDataFailure.Unavailable("market-data-service failed repeatedly; calls are held back by the "
                    + "circuit breaker for a while", e);
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
