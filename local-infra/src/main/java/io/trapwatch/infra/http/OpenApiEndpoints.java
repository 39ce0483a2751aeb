package io.trapwatch.infra.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The endpoints a running service documents at {@code /q/openapi}: read from the live document, not from a list
 * in a test, so an endpoint added later is covered by the tests that use this without anyone adding it.
 */
public final class OpenApiEndpoints {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private final JsonNode document;
    private final List<Endpoint> endpoints = new ArrayList<>();

    private OpenApiEndpoints(JsonNode document) {
        this.document = document;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<Endpoint.Parameter> shared = parameters(path.getValue().path("parameters"));
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    List<Endpoint.Parameter> parameters = new ArrayList<>(shared);
                    parameters.addAll(parameters(operation.path("parameters")));
                    JsonNode body = operation.path("requestBody").path("content").path("application/json").get("schema");
                    Endpoint endpoint = new Endpoint(method.toUpperCase(Locale.ROOT), path.getKey(), parameters, body);
                    endpoints.add(endpoint);
                }
            }
        }
    }

    public static OpenApiEndpoints fetch(URI base) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("/q/openapi?format=json")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("GET /q/openapi answered " + answer.statusCode());
        }
        return new OpenApiEndpoints(JSON.readTree(answer.body()));
    }

    public List<Endpoint> all() {
        return List.copyOf(endpoints);
    }

    /** A schema with its {@code $ref} followed (to {@code #/components/schemas/...}). */
    public JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current != null && current.has("$ref") && hops < 10; hops++) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    private List<Endpoint.Parameter> parameters(JsonNode list) {
        List<Endpoint.Parameter> result = new ArrayList<>();
        for (JsonNode p : list) {
            JsonNode param = resolve(p);
            result.add(new Endpoint.Parameter(param.path("name").asText(), param.path("in").asText(),
                    resolve(param.path("schema")), param.path("required").asBoolean(false)));
        }
        return result;
    }
}
