package io.trapwatch.monitorapi.client;

import io.trapwatch.monitorapi.config.AlertsConfig;
import io.trapwatch.monitorapi.domain.WebhookSignature;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * POSTs alert bodies to webhook receivers, asynchronously and with at most {@code max-concurrency-per-url} requests
 * in flight per URL: a slow receiver holds only its own permits, never a thread of the caller or another URL's turn.
 */
@ApplicationScoped
public class WebhookClient {

    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final ExecutorService callbacks = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "webhook-client");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http;
    private final Duration timeout;
    private final int perUrl;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

    public WebhookClient(AlertsConfig config) {
        this.timeout = config.webhook().timeout();
        this.perUrl = config.webhook().maxConcurrencyPerUrl();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .executor(callbacks).build();
    }

    /** How many more requests the URL takes right now. */
    public int room(String url) {
        Semaphore urlPermits = permits.get(url);
        return urlPermits == null ? perUrl : urlPermits.availablePermits();
    }

    /**
     * Starts the POST unless the URL already has its maximum in flight (then returns false and nothing happens).
     * {@code done} receives empty on a 2xx answer, else what went wrong.
     */
    public boolean trySend(String url, String secret, String idempotencyKey, byte[] body, Consumer<Optional<String>> done) {
        Semaphore urlPermits = permits.computeIfAbsent(url, u -> new Semaphore(perUrl));
        if (!urlPermits.tryAcquire()) {
            return false;
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(IDEMPOTENCY_HEADER, idempotencyKey)
                    .header(WebhookSignature.HEADER, WebhookSignature.of(secret, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        } catch (IllegalArgumentException e) {
            urlPermits.release();
            done.accept(Optional.of("invalid URL: " + e.getMessage()));
            return true;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            urlPermits.release();
            if (failure != null) {
                done.accept(Optional.of(describe(failure)));
            } else if (response.statusCode() / 100 != 2) {
                done.accept(Optional.of("receiver answered HTTP " + response.statusCode()));
            } else {
                done.accept(Optional.empty());
            }
        });
        return true;
    }

    /** "ConnectException (ClosedChannelException)": the failure and its root cause, without the async wrapper. */
    private static String describe(Throwable failure) {
        Throwable top = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        Throwable root = top;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = top.getClass().getSimpleName() + (top.getMessage() == null ? "" : ": " + top.getMessage());
        return root == top ? text : text + " (" + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    }

    @PreDestroy
    void close() {
        callbacks.shutdownNow();
    }
}
