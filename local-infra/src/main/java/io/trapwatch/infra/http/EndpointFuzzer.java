package io.trapwatch.infra.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded random requests to every documented endpoint: parameters and bodies drawn from the schema (enum values,
 * the declared type) mixed with hostile values (huge numbers, empty, long, control characters, injection, broken
 * and deeply nested JSON, oversized bodies). Every answer must be below 500 and arrive in time. The same seed
 * sends the same requests, so a failure can be replayed.
 */
public final class EndpointFuzzer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The request body limit every service sets (service-support: quarkus.http.limits.max-body-size). */
    private static final int BODY_LIMIT = 64 * 1024;
    private static final List<String> HOSTILE = List.of("", " ", "-1", "0", "1", "-0", "2147483648", "-2147483649",
            "9223372036854775808", "99999999999999999999999", "1e309", "-1e309", "NaN", "Infinity", "0x10", "1.5",
            "null", "true", "[]", "{}", "%", "%00", "%ZZ", "\u0000", "\t", "../../../etc/passwd", "' OR '1'='1",
            "1; DROP TABLE monitors", "<script>alert(1)</script>", "${jndi:ldap://x}", "BTCUSDT", "btcusdt", "SPOT",
            "spot", "futures", "1h", "4h", "1d", "15m", "2021-07-13T05:00:00Z", "2021-13-45T99:99:99Z", "1626152400000",
            "-1626152400000", "Ä€😀", "a".repeat(300), "x".repeat(5000), ",", ",,,", "BTCUSDT,", "pending,foo");

    /** What one run did: requests sent, answers by status, and every request that failed the rules. */
    public record Report(int sent, Map<Integer, Integer> statuses, List<String> failures) {
    }

    private final URI base;
    private final OpenApiEndpoints api;
    private final String token;
    private final Random random;

    public EndpointFuzzer(URI base, OpenApiEndpoints api, String token, long seed) {
        this.base = base;
        this.api = api;
        this.token = token;
        this.random = new Random(seed);
    }

    /** Sends up to {@code requests} requests, stopping early once {@code budget} has passed. */
    public Report run(int requests, Duration budget) throws InterruptedException {
        List<Endpoint> endpoints = api.all();
        long deadline = System.nanoTime() + budget.toNanos();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        while (sent < requests && System.nanoTime() < deadline) {
            Endpoint endpoint = endpoints.get(sent % endpoints.size());
            String target = target(endpoint);
            String body = endpoint.isWrite() ? body(endpoint) : null;
            String contentType = random.nextInt(10) == 0 ? "text/plain" : "application/json";
            Probe.Answer answer = Probe.send(base, endpoint.method(), target, contentType, body, token);
            sent++;
            statuses.merge(answer.status(), 1, Integer::sum);
            if ((answer.status() < 200 || answer.status() >= 500) && !closedOnOversizedBody(answer, body)) {
                failures.add(endpoint.method() + " " + abbreviate(target) + (body == null ? "" : " body " + abbreviate(body))
                        + " -> " + answer.status() + " " + abbreviate(answer.body()));
            }
        }
        return new Report(sent, statuses, failures);
    }

    /**
     * A body over the services' 64 KiB limit is answered 413 and the connection closed; a client still writing the
     * body may see the close before the answer. That is a refusal too, not a failure.
     */
    private static boolean closedOnOversizedBody(Probe.Answer answer, String body) {
        return answer.status() == -2 && body != null && body.length() > BODY_LIMIT;
    }

    private String target(Endpoint endpoint) {
        String path = endpoint.path();
        StringBuilder query = new StringBuilder();
        for (Endpoint.Parameter parameter : endpoint.parameters()) {
            if (parameter.in().equals("path")) {
                path = path.replaceFirst("\\{" + parameter.name() + "[^}]*}", encode(value(parameter.schema())));
            } else if (parameter.in().equals("query") && (parameter.required() || random.nextInt(3) > 0)) {
                query.append(query.isEmpty() ? '?' : '&').append(encode(parameter.name())).append('=')
                        .append(encode(value(parameter.schema())));
            }
        }
        path = path.replaceAll("\\{[^}]*}", encode(pick(HOSTILE)));
        if (random.nextInt(8) == 0) {
            query.append(query.isEmpty() ? '?' : '&').append(encode(pick(HOSTILE))).append('=').append(encode(pick(HOSTILE)));
        }
        return path + query;
    }

    /** Half the time a value of the declared form, else a hostile one. */
    private String value(JsonNode schema) {
        JsonNode resolved = api.resolve(schema);
        if (resolved == null || random.nextBoolean()) {
            return pick(HOSTILE);
        }
        if (resolved.has("enum") && resolved.get("enum").size() > 0) {
            return resolved.get("enum").get(random.nextInt(resolved.get("enum").size())).asText();
        }
        return switch (resolved.path("type").asText()) {
            case "integer" -> Long.toString(random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(2000) - 10);
            case "number" -> Double.toString(random.nextGaussian() * 100);
            case "boolean" -> Boolean.toString(random.nextBoolean());
            default -> pick(HOSTILE);
        };
    }

    private String body(Endpoint endpoint) {
        return switch (random.nextInt(12)) {
            case 0 -> null;
            case 1 -> "{not json";
            case 2 -> "[".repeat(5000) + "]".repeat(5000);
            case 3 -> "{\"a\":\"" + "x".repeat(70_000) + "\"}";
            case 4 -> pick(List.of("null", "[]", "0", "\"text\"", "{}", "true"));
            default -> json(endpoint.body() == null ? null : api.resolve(endpoint.body()), 0).toString();
        };
    }

    /** A document shaped like the schema, with each field sometimes of the wrong type, missing or unknown. */
    private JsonNode json(JsonNode schema, int depth) {
        if (schema == null || depth > 4 || random.nextInt(6) == 0) {
            return randomScalar();
        }
        if (schema.has("enum") && random.nextBoolean()) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
        }
        switch (schema.path("type").asText()) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (random.nextInt(4) > 0) {
                        object.set(field.getKey(), json(api.resolve(field.getValue()), depth + 1));
                    }
                }
                if (random.nextInt(5) == 0) {
                    object.set(pick(HOSTILE), randomScalar());
                }
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(json(api.resolve(schema.path("items")), depth + 1));
                }
                return array;
            }
            case "integer":
                return NODES.numberNode(random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(100) - 5);
            case "number":
                return NODES.numberNode(random.nextGaussian() * 10);
            case "boolean":
                return NODES.booleanNode(random.nextBoolean());
            default:
                return NODES.textNode(pick(HOSTILE));
        }
    }

    private JsonNode randomScalar() {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            default -> NODES.textNode(pick(HOSTILE));
        };
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

}
