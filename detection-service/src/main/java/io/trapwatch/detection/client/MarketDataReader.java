package io.trapwatch.detection.client;

import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads stored bars and series from market-data-service, page by page (the API returns at most 1000 per call),
 * through {@link MarketDataClient}. A call that still fails after its retries ends here as a
 * {@link MarketDataUnavailableException} saying why (answered 5xx, unreachable, or held back by the circuit
 * breaker), or as a {@link MarketDataRejectedException} for a refused request; the callers report the message.
 */
@ApplicationScoped
public class MarketDataReader {

    static final int PAGE = 1000;

    private final MarketDataClient client;

    public MarketDataReader(MarketDataClient client) {
        this.client = client;
    }

    /** Bars with {@code from <= open_time <= to} (either bound null = open), oldest first. */
    public List<ClosedBar> between(SeriesKey series, Instant from, Instant to) {
        List<ClosedBar> all = new ArrayList<>();
        pages(series, from, to, all::addAll);
        return all;
    }

    /** Streams the same bars page by page, so a long catch-up never holds a whole history in one transaction. */
    public void pages(SeriesKey series, Instant from, Instant to, Consumer<List<ClosedBar>> pageConsumer) {
        Instant next = from;
        while (true) {
            Instant pageFrom = next;
            List<ClosedBar> bars = call(() -> client.klinePage(series, pageFrom, to, PAGE));
            if (bars.isEmpty()) {
                return;
            }
            pageConsumer.accept(bars);
            if (bars.size() < PAGE) {
                return;
            }
            next = bars.get(bars.size() - 1).openTime().plusMillis(1);
        }
    }

    public List<String> symbols(MarketType marketType, Interval interval) {
        return call(() -> client.symbols(marketType, interval));
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (CircuitBreakerOpenException e) {
            throw new MarketDataUnavailableException("market-data-service failed repeatedly; calls are held back by "
                    + "the circuit breaker for a while", e);
        } catch (ProcessingException | TimeoutException e) {
            throw new MarketDataUnavailableException("market-data-service could not be reached: " + e.getMessage(), e);
        }
    }
}
