package io.trapwatch.service.security;

import io.quarkus.security.ForbiddenException;
import io.trapwatch.service.http.JsonAnswers;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** 403 with the shared JSON error body (Quarkus' own answer to a refused authenticated caller has no body). */
@ApplicationScoped
public class ForbiddenAnswer {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.failure() instanceof ForbiddenException && !context.response().ended()) {
                JsonAnswers.error(context, 403, "forbidden", "this request needs the operator role");
            } else {
                context.next();
            }
        });
    }
}
