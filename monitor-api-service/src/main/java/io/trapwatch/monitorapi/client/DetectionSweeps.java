package io.trapwatch.monitorapi.client;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.function.Supplier;

/**
 * Calls to detection-service's sweeps, guarded. Every call: at most {@value #TIMEOUT_MS} ms (the client's own connect
 * and read timeouts, 2 s and 5 s, normally end it first), and one circuit breaker shared by the three calls (named
 * {@value #BREAKER}): when half of the last 4 calls failed it opens and calls fail at once for
 * {@value #BREAKER_DELAY_MS} ms, then one trial call decides. Only the idempotent calls (read, cancel) are retried,
 * twice, and only when nothing reached detection-service (no connection) or it answered 5xx; a start is never
 * repeated (it would start a second sweep). 2xx and 4xx answers come back as they are, and are no failures.
 * Values come from the annotations; MicroProfile Fault Tolerance config keys override them
 * (e.g. {@code io.trapwatch.monitorapi.client.DetectionSweeps/CircuitBreaker/delay=10000},
 * {@code io.trapwatch.monitorapi.client.DetectionSweeps/find/Retry/maxRetries=3}).
 */
@ApplicationScoped
@Timeout(DetectionSweeps.TIMEOUT_MS)
@CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = DetectionSweeps.BREAKER_DELAY_MS, successThreshold = 1,
        failOn = {DetectionUnavailableException.class, TimeoutException.class})
public class DetectionSweeps {

    public static final String BREAKER = "detection";
    static final long TIMEOUT_MS = 8000;
    public static final long BREAKER_DELAY_MS = 5000;

    private final DetectionApi api;

    public DetectionSweeps(@RestClient DetectionApi api) {
        this.api = api;
    }

    @CircuitBreakerName(BREAKER)
    public DetectionAnswer start(String authorization, String body) {
        return answer(() -> api.start(authorization, body));
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {DetectionUnreachableException.class, DetectionServerErrorException.class})
    @CircuitBreakerName(BREAKER)
    public DetectionAnswer find(String id, String top) {
        return answer(() -> api.find(id, top));
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {DetectionUnreachableException.class, DetectionServerErrorException.class})
    @CircuitBreakerName(BREAKER)
    public DetectionAnswer cancel(String authorization, String id) {
        return answer(() -> api.cancel(authorization, id));
    }

    /** A 2xx/4xx as it came; a 5xx or a failed exchange as the exception the guards act on. */
    private static DetectionAnswer answer(Supplier<Response> call) {
        Response response;
        try {
            response = call.get();
        } catch (WebApplicationException e) {
            response = e.getResponse();
        } catch (ProcessingException e) {
            if (Causes.any(e, ConnectException.class, UnknownHostException.class)) {
                throw new DetectionUnreachableException("detection-service cannot be reached: " + Causes.rootMessage(e), e);
            }
            throw new DetectionUnavailableException("detection-service did not answer: " + Causes.rootMessage(e), e);
        }
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        if (response.getStatus() >= 500) {
            throw new DetectionServerErrorException(response.getStatus(), body);
        }
        return new DetectionAnswer(response.getStatus(), body, response.getHeaderString(HttpHeaders.CONTENT_TYPE),
                response.getHeaderString(HttpHeaders.LOCATION));
    }
}
