package io.trapwatch.service.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;

/**
 * Applied to every request of every service (a policy without a name is global): reads pass unless their path was
 * declared protected, anything else needs the operator role unless its path was declared public. Deny by default, so an endpoint added later is protected
 * without anyone remembering to protect it. Anonymous callers get 401, authenticated ones without the role 403.
 */
@ApplicationScoped
public class WriteProtectionPolicy implements HttpSecurityPolicy {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final String operatorRole;
    private final List<String> publicWritePaths;
    private final List<String> protectedReadPaths;

    @Inject
    public WriteProtectionPolicy(ApiAuthConfig config) {
        this.operatorRole = config.operatorRole();
        this.publicWritePaths = config.publicWritePaths().orElse(List.of());
        this.protectedReadPaths = config.protectedReadPaths().orElse(List.of());
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
                                            AuthorizationRequestContext requestContext) {
        String path = request.normalizedPath();
        boolean read = READS.contains(request.request().method());
        if (read ? !startsWithAny(path, protectedReadPaths) : startsWithAny(path, publicWritePaths)) {
            return CheckResult.permit();
        }
        return identity.map(id -> !id.isAnonymous() && id.hasRole(operatorRole) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    private static boolean startsWithAny(String path, List<String> prefixes) {
        return prefixes.stream().anyMatch(path::startsWith);
    }
}
