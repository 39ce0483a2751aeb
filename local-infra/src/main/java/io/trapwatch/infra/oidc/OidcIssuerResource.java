package io.trapwatch.infra.oidc;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Quarkus test resource: an {@link OidcIssuer} for the test class, with the service's OIDC tenant enabled and pointed
 * at it (the production switch TRAPWATCH_OIDC_ENABLED does the same). Tests get tokens from
 * {@code ${quarkus.oidc.auth-server-url}/token}.
 */
public class OidcIssuerResource implements QuarkusTestResourceLifecycleManager {

    private OidcIssuer issuer;

    @Override
    public Map<String, String> start() {
        issuer = OidcIssuer.start();
        return Map.of("quarkus.oidc.tenant-enabled", "true", "quarkus.oidc.auth-server-url", issuer.issuer());
    }

    @Override
    public void stop() {
        if (issuer != null) {
            issuer.close();
        }
    }
}
