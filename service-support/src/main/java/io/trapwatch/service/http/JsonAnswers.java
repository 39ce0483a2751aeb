package io.trapwatch.service.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Errors answered below JAX-RS (security, rate limits) in the same {@code {"error","detail"}} shape as the rest. */
public final class JsonAnswers {

    private JsonAnswers() {
    }

    public static void error(RoutingContext context, int status, String error, String detail) {
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("error", error).put("detail", detail).encode());
    }
}
