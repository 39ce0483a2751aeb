package io.trapwatch.monitorapi.client;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.function.Supplier;

/**
 * Every call to detection-service goes through {@link #exchange}, so the three sweep calls share one circuit breaker
 * (named {@value #BREAKER}; a breaker belongs to one method) and one timeout per attempt. The breaker opens when
 * half of the last 4 calls failed (no connection, no answer in time, a 5xx) and then refuses calls for
 * {@value #BREAKER_DELAY_MS} ms, after which one trial call decides. 2xx and 4xx answers come back as they are and
 * are no failures. Values come from the annotations; MicroProfile Fault Tolerance keys override them, e.g.
 * {@code io.trapwatch.monitorapi.client.DetectionExchange/exchange/CircuitBreaker/delay=10000}.
 */
@ApplicationScoped
public class DetectionExchange {

    public static final String BREAKER = "detection";
    public static final long BREAKER_DELAY_MS = 5000;
    /** An upper bound per attempt; the client's own connect and read timeouts (2 s, 5 s) normally end it first. */
    static final long TIMEOUT_MS = 8000;

    @Timeout(TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = BREAKER_DELAY_MS, successThreshold = 1,
            failOn = {DetectionUnavailableException.class, TimeoutException.class})
    @CircuitBreakerName(BREAKER)
    public DetectionAnswer exchange(Supplier<Response> call) {
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
