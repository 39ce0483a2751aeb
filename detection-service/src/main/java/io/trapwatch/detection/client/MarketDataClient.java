package io.trapwatch.detection.client;

import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One call to market-data-service per method, guarded by SmallRye Fault Tolerance: each attempt has a deadline, a
 * failure that may pass (connection refused or reset, no answer in time, 5xx) is retried with a short jittered
 * delay, a refusal (4xx) is not, and once most recent calls failed the circuit breaker holds calls back for a while
 * instead of letting every gap fill and scan wait out its retries. The values below are the defaults; each can be
 * changed with the MicroProfile key {@code io.trapwatch.detection.client.MarketDataClient/<Annotation>/<parameter>}
 * (module README, Configuration).
 */
@ApplicationScoped
@Timeout(value = 10, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 3, delay = 200, delayUnit = ChronoUnit.MILLIS, jitter = 100, jitterDelayUnit = ChronoUnit.MILLIS,
        maxDuration = 30, durationUnit = ChronoUnit.SECONDS,
        retryOn = {MarketDataUnavailableException.class, ProcessingException.class, TimeoutException.class},
        abortOn = MarketDataRejectedException.class)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
        successThreshold = 2, skipOn = MarketDataRejectedException.class)
public class MarketDataClient {

    private final MarketDataApi api;

    public MarketDataClient(@RestClient MarketDataApi api) {
        this.api = api;
    }

    /** At most {@code limit} bars with {@code from <= open_time <= to} (either bound null = open), oldest first. */
    public List<ClosedBar> klinePage(SeriesKey series, Instant from, Instant to, int limit) {
        byte[] page = api.klines(series.marketType().wire(), series.symbol(), series.interval().wire(),
                from == null ? null : from.toString(), to == null ? null : to.toString(), limit);
        return KlinePageReader.read(page, series.toString());
    }

    /** Every symbol with stored bars for the market and interval. */
    public List<String> symbols(MarketType marketType, Interval interval) {
        SeriesList list = api.series(marketType.wire(), interval.wire());
        return list.series() == null ? List.of() : list.series().stream().map(SeriesList.Entry::symbol).toList();
    }
}
