package io.trapwatch.monitorapi.client;

import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One call to market-data-service's bar API, guarded by SmallRye Fault Tolerance like the other service-to-service
 * clients: a deadline per attempt (the client's connect and read timeouts, 2 s and 5 s, normally end it first), two
 * retries 200 ms ± 100 ms apart only when nothing reached market-data-service (no connection) or it answered 5xx — a
 * read that timed out is not repeated, so a hung upstream costs one read timeout — and a circuit breaker that opens
 * when half of the last 10 attempts found it unavailable or answering 5xx and then holds calls back for 5 s (a 404 or
 * a broken body does not trip it). Override with the MicroProfile keys
 * {@code io.trapwatch.monitorapi.client.MarketDataClient/<Annotation>/<parameter>} (module README, Configuration).
 */
@ApplicationScoped
@Timeout(value = 8, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {MarketDataFailure.Unreachable.class, MarketDataFailure.ServerError.class})
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS, successThreshold = 1,
        failOn = {MarketDataFailure.Unavailable.class, MarketDataFailure.ServerError.class, TimeoutException.class})
public class MarketDataClient {

    private final MarketDataApi api;

    public MarketDataClient(@RestClient MarketDataApi api) {
        this.api = api;
    }

    /** The body of {@code /klines} as market-data-service sent it; its failures sorted into {@link MarketDataFailure}s. */
    public String klines(MarketType market, String symbol, Interval interval, Instant start, Instant end, int limit) {
        try {
            return api.klines(market.wire(), symbol, interval.wire(), start == null ? null : start.toString(),
                    end == null ? null : end.toString(), limit);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404) {
                throw new MarketDataFailure(MarketDataFailure.Kind.UNKNOWN_SYMBOL,
                        "market-data-service knows no " + market.wire() + " symbol " + symbol, e);
            }
            if (status >= 500) {
                throw new MarketDataFailure.ServerError(status, e);
            }
            throw new MarketDataFailure(MarketDataFailure.Kind.BAD_ANSWER, "market-data-service answered HTTP " + status, e);
        } catch (ProcessingException e) {
            String message = "market-data-service did not answer: " + Causes.rootMessage(e);
            throw Causes.any(e, ConnectException.class, UnknownHostException.class)
                    ? new MarketDataFailure.Unreachable(message, e) : new MarketDataFailure.Unavailable(message, e);
        }
    }
}
