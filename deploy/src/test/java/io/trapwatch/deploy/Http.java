package io.trapwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The end-to-end test talks to the system over HTTP only. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The operator token the services were started with: sent on every write, as the CronJobs do. */
    static volatile String token;

    private Http() {
    }

    static int status(String method, String url) throws IOException, InterruptedException {
        return send(method, url, null).statusCode();
    }

    /** A write with the given bearer token (null: none), whatever it answers. */
    static HttpResponse<String> postWithToken(String url, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String text(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", url, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " -> " + response.statusCode());
        }
        return response.body();
    }

    static JsonNode get(String url) throws IOException, InterruptedException {
        return expect2xx("GET", url, null);
    }

    static JsonNode post(String url) throws IOException, InterruptedException {
        return expect2xx("POST", url, null);
    }

    static JsonNode post(String url, String jsonBody) throws IOException, InterruptedException {
        return expect2xx("POST", url, jsonBody);
    }

    /** A write that may run longer than the usual five minutes (a back-fill at scale). */
    static JsonNode post(String url, Duration timeout) throws IOException, InterruptedException {
        return expect2xx("POST", url, null, timeout);
    }

    private static JsonNode expect2xx(String method, String url, String body) throws IOException, InterruptedException {
        return expect2xx(method, url, body, Duration.ofMinutes(5));
    }

    private static JsonNode expect2xx(String method, String url, String body, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, url, body, timeout);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String url, String body) throws IOException, InterruptedException {
        return send(method, url, body, Duration.ofMinutes(5));
    }

    private static HttpResponse<String> send(String method, String url, String body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (!method.equals("GET") && token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
