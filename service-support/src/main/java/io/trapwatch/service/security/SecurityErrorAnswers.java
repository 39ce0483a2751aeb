package io.trapwatch.service.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.trapwatch.service.http.JsonAnswers;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * 401 and 403 with the shared JSON error body. Quarkus' own answers have none: a refused authenticated caller (403),
 * and a bearer token that an authentication mechanism rejected (401: an expired or forged OIDC token).
 */
@ApplicationScoped
public class SecurityErrorAnswers {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.response().ended()) {
                context.next();
            } else if (context.failure() instanceof ForbiddenException) {
                JsonAnswers.error(context, 403, "forbidden", "this request needs the operator role");
            } else if (context.failure() instanceof AuthenticationFailedException) {
                context.response().putHeader("WWW-Authenticate", "Bearer");
                JsonAnswers.error(context, 401, "unauthorized",
                        "the bearer token was not accepted: expired, not signed by the configured issuer, or unknown");
            } else {
                context.next();
            }
        });
    }
}
