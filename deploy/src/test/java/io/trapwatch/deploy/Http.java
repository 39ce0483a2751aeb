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

    private Http() {
    }

    static int status(String method, String url) throws IOException, InterruptedException {
        return send(method, url, null).statusCode();
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

    private static JsonNode expect2xx(String method, String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, url, body);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String url, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
