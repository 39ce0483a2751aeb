package io.trapwatch.infra.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every write endpoint a service documents, plus every other write method on its documented paths and one
 * undocumented path, called with no token, a wrong token, a valid token without the operator role, and the operator
 * token. Reads are called without a token and must not ask for one, except reads under a protected prefix (they hold
 * operator data, such as alert subscriptions with their secrets), which are checked like writes.
 */
public final class WriteAuthorizationTable {

    public record Row(String method, String path, boolean operatorOnly, int noToken, int wrongToken, int viewerToken,
                      int operatorToken) {

        /** What the row must be: operator-only 401/401/403/accepted, public reads never refused for want of a token. */
        public String problem() {
            if (!operatorOnly) {
                return noToken == 401 || noToken == 403 || noToken >= 500 || noToken < 0 ? "read answered " + noToken : null;
            }
            if (noToken != 401 || wrongToken != 401 || viewerToken != 403) {
                return "expected 401/401/403 without/with wrong/with viewer token";
            }
            if (operatorToken == 401 || operatorToken == 403 || operatorToken >= 500 || operatorToken < 0) {
                return "operator token answered " + operatorToken;
            }
            return null;
        }
    }

    private static final List<String> WRITE_METHODS = List.of("POST", "PUT", "PATCH", "DELETE");

    private WriteAuthorizationTable() {
    }

    /** The rows; the JSON error shape of every 401/403 is checked on the way (an IllegalStateException if wrong). */
    public static List<Row> build(URI base, OpenApiEndpoints api, List<String> protectedReadPrefixes,
                                  String operatorToken, String viewerToken) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>();
        for (Endpoint endpoint : api.all()) {
            paths.add(endpoint.path());
            boolean protectedRead = protectedReadPrefixes.stream().anyMatch(endpoint.path()::startsWith);
            if (endpoint.isWrite() || protectedRead) {
                rows.add(row(base, endpoint.method(), concrete(endpoint.path()), operatorToken, viewerToken));
            } else {
                Probe.Answer read = Probe.send(base, endpoint.method(), concrete(endpoint.path()), null, null, null);
                rows.add(new Row(endpoint.method(), endpoint.path(), false, read.status(), 0, 0, 0));
            }
        }
        // Undocumented methods and paths: protected by default, whatever the router later makes of them.
        paths.add("/api/not-documented");
        for (String path : paths) {
            for (String method : WRITE_METHODS) {
                boolean documented = api.all().stream().anyMatch(e -> e.path().equals(path) && e.method().equals(method));
                if (!documented) {
                    Probe.Answer answer = Probe.send(base, method, concrete(path), "application/json", "{}", null);
                    requireErrorBody(method + " " + path, answer, 401);
                    rows.add(new Row(method, path, true, answer.status(), 401, 403, 0));
                }
            }
        }
        return rows;
    }

    public static boolean isWrite(Row row) {
        return WRITE_METHODS.contains(row.method());
    }

    private static Row row(URI base, String method, String path, String operatorToken, String viewerToken)
            throws InterruptedException {
        Probe.Answer none = Probe.send(base, method, path, "application/json", "{}", null);
        requireErrorBody(method + " " + path, none, 401);
        Probe.Answer wrong = Probe.send(base, method, path, "application/json", "{}", operatorToken + "x");
        requireErrorBody(method + " " + path, wrong, 401);
        Probe.Answer viewer = Probe.send(base, method, path, "application/json", "{}", viewerToken);
        requireErrorBody(method + " " + path, viewer, 403);
        Probe.Answer operator = Probe.send(base, method, path, "application/json", "{}", operatorToken);
        return new Row(method, path, true, none.status(), wrong.status(), viewer.status(), operator.status());
    }

    private static void requireErrorBody(String request, Probe.Answer answer, int status) {
        if (answer.status() == status && !(answer.contentType().startsWith("application/json")
                && answer.body().contains("\"error\"") && !answer.body().contains("Exception"))) {
            throw new IllegalStateException(request + " answered " + status + " without the JSON error body: "
                    + answer.contentType() + " " + answer.body());
        }
    }

    /** A documented path with its {name} placeholders filled in (values that route; their validity does not matter). */
    static String concrete(String template) {
        return template.replaceAll("\\{[^}]*}", "1");
    }
}
