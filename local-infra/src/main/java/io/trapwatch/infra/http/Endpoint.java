package io.trapwatch.infra.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One operation of a service's OpenAPI document.
 *
 * @param body the request body's JSON schema ($refs resolved lazily by {@link OpenApiEndpoints#resolve}), or null
 */
public record Endpoint(String method, String path, List<Parameter> parameters, JsonNode body) {

    public record Parameter(String name, String in, JsonNode schema, boolean required) {
    }

    public boolean isWrite() {
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
