package io.trapwatch.monitorapi.client;

import io.trapwatch.monitorapi.config.AlertsConfig;
import io.trapwatch.monitorapi.domain.WebhookSignature;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * POSTs alert bodies to webhook receivers, asynchronously, through one lane per URL: at most
 * {@code max-concurrency-per-url} requests in flight, and up to {@code queue-per-url} more waiting (at most
 * {@code queue-total} in all lanes, each holds its body) that start as soon as a slot frees, not at the sender's next
 * round, which would cap a URL at a few requests per round. A slow receiver holds only its own lane, never a thread
 * of the caller or another URL's turn.
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
    private final int queuePerUrl;
    private final int queueTotal;
    /** Requests waiting in all lanes together. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private volatile BooleanSupplier held = () -> false;

    /** A request and who learns its result. */
    private record Request(HttpRequest request, Consumer<Optional<String>> done) {
    }

    /** One URL's requests in flight and waiting; guarded by itself. */
    private static final class Lane {
        final Queue<Request> waiting = new ArrayDeque<>();
        int inFlight;
    }

    @Inject
    public WebhookClient(AlertsConfig config) {
        this(config.webhook().timeout(), config.webhook().maxConcurrencyPerUrl(), config.webhook().queuePerUrl(),
                config.webhook().queueTotal());
    }

    /** For tests of the lanes without a configuration. */
    WebhookClient(Duration timeout, int perUrl, int queuePerUrl, int queueTotal) {
        this.timeout = timeout;
        this.perUrl = perUrl;
        this.queuePerUrl = queuePerUrl;
        this.queueTotal = queueTotal;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .executor(callbacks).build();
    }

    /**
     * How many more requests the URL takes right now: its free slots plus free places in its queue, the latter also
     * bounded by what is left of {@code queue-total}.
     */
    public int room(String url) {
        int queueLeft = Math.max(0, queueTotal - waiting.get());
        Lane lane = lanes.get(url);
        if (lane == null) {
            return perUrl + Math.min(queuePerUrl, queueLeft);
        }
        synchronized (lane) {
            return perUrl - lane.inFlight + Math.min(queuePerUrl - lane.waiting.size(), queueLeft);
        }
    }

    /**
     * While the condition holds, waiting requests do not start (those in flight finish): the sender holds its lanes
     * while the read model catches up on a backlog. Checked before every start, so it takes effect at once.
     */
    public void holdWhile(BooleanSupplier condition) {
        held = condition;
    }

    /** Starts what waits in every lane (after a hold ended: nothing else would start it). */
    public void resume() {
        lanes.values().forEach(this::pump);
    }

    /**
     * Queues the POST unless the URL has no room (then returns false and nothing happens); it starts when the lane
     * has a free slot. {@code done} receives empty on a 2xx answer, else what went wrong.
     */
    public boolean trySend(String url, String secret, String idempotencyKey, byte[] body, Consumer<Optional<String>> done) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(IDEMPOTENCY_HEADER, idempotencyKey)
                    .header(WebhookSignature.HEADER, WebhookSignature.of(secret, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        } catch (IllegalArgumentException e) {
            done.accept(Optional.of("invalid URL: " + e.getMessage()));
            return true;
        }
        Lane lane = lanes.computeIfAbsent(url, u -> new Lane());
        synchronized (lane) {
            boolean slotFree = lane.inFlight + lane.waiting.size() < perUrl;
            if (!slotFree && (lane.waiting.size() >= queuePerUrl || waiting.get() >= queueTotal)) {
                return false;
            }
            lane.waiting.add(new Request(request, done));
            waiting.incrementAndGet();
        }
        pump(lane);
        return true;
    }

    /** Starts waiting requests while the lane has free slots and the client is not held. */
    private void pump(Lane lane) {
        List<Request> start = new ArrayList<>();
        synchronized (lane) {
            while (lane.inFlight < perUrl && !lane.waiting.isEmpty() && !held.getAsBoolean()) {
                start.add(lane.waiting.remove());
                waiting.decrementAndGet();
                lane.inFlight++;
            }
        }
        start.forEach(r -> send(lane, r));
    }

    private void send(Lane lane, Request r) {
        http.sendAsync(r.request(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            synchronized (lane) {
                lane.inFlight--;
            }
            if (failure != null) {
                r.done().accept(Optional.of(describe(failure)));
            } else if (response.statusCode() / 100 != 2) {
                r.done().accept(Optional.of("receiver answered HTTP " + response.statusCode()));
            } else {
                r.done().accept(Optional.empty());
            }
            pump(lane);
        });
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
