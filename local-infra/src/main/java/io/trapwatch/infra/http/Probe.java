package io.trapwatch.infra.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One raw HTTP request to a service under test: any method, path, body and bearer token. */
public final class Probe {

    /** A request that got no answer within this is a hang. */
    public static final Duration ANSWER_WITHIN = Duration.ofSeconds(15);

    private static final String EVENT_STREAM = "text/event-stream";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** status -1: no answer in time; -2: the connection failed. */
    public record Answer(int status, String contentType, String body) {
    }

    private Probe() {
    }

    public static Answer send(URI base, String method, String pathAndQuery, String contentType, String body, String token)
            throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + pathAndQuery))
                .timeout(ANSWER_WITHIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        Answer answer = attempt(request.build());
        // A server closes the connection after refusing an oversized request; the client may reuse it once more.
        return answer.status() == -2 ? attempt(request.build()) : answer;
    }

    private static Answer attempt(HttpRequest request) throws InterruptedException {
        // The request timeout covers the headers only; a body that never ends must not hang the probe either.
        CompletableFuture<HttpResponse<String>> call = HTTP.sendAsync(request, Probe::bodyUnlessEventStream);
        try {
            HttpResponse<String> answer = call.get(ANSWER_WITHIN.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""), answer.body());
        } catch (TimeoutException e) {
            call.cancel(true);
            return new Answer(-1, "", "no answer within " + ANSWER_WITHIN);
        } catch (ExecutionException e) {
            return e.getCause() instanceof HttpTimeoutException
                    ? new Answer(-1, "", "no answer within " + ANSWER_WITHIN)
                    : new Answer(-2, "", e.getCause().toString());
        }
    }

    /** An event stream never ends: its answer is its status and headers, the stream is closed at once. */
    private static HttpResponse.BodySubscriber<String> bodyUnlessEventStream(HttpResponse.ResponseInfo info) {
        if (info.headers().firstValue("Content-Type").orElse("").startsWith(EVENT_STREAM)) {
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(), stream -> {
                try (InputStream closed = stream) {
                    return "";
                } catch (IOException e) {
                    return "";
                }
            });
        }
        return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
    }
}
