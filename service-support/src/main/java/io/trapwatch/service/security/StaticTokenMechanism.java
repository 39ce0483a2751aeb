package io.trapwatch.service.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.trapwatch.service.http.JsonAnswers;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code Authorization: Bearer <token>} against the configured static tokens. A token that matches none yields no
 * identity (not a failure), so OIDC, when enabled, can still accept it; the write policy then answers 401.
 */
@ApplicationScoped
public class StaticTokenMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(StaticTokenMechanism.class);
    private static final String BEARER = "bearer ";

    private final List<KnownToken> tokens = new ArrayList<>();

    record KnownToken(String name, byte[] digest, Set<String> roles) {
    }

    @Inject
    public StaticTokenMechanism(ApiAuthConfig config) {
        for (Map.Entry<String, ApiAuthConfig.StaticToken> entry : config.tokens().entrySet()) {
            entry.getValue().value().filter(v -> !v.isBlank()).ifPresent(value ->
                    tokens.add(new KnownToken(entry.getKey(), digest(value), Set.copyOf(entry.getValue().roles()))));
        }
        if (tokens.isEmpty()) {
            LOG.warn("no API token configured (TRAPWATCH_API_TOKEN): write endpoints accept OIDC users only");
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        KnownToken match = match(header.substring(BEARER.length()).strip());
        if (match == null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("token:" + match.name()))
                .addRoles(match.roles())
                .build());
    }

    /**
     * Compares digests, not the raw strings: equal-length inputs and {@link MessageDigest#isEqual} (constant time)
     * leak neither the token's length nor how many leading characters matched. Every token is compared.
     */
    KnownToken match(String presented) {
        byte[] candidate = digest(presented);
        KnownToken found = null;
        for (KnownToken token : tokens) {
            if (MessageDigest.isEqual(token.digest(), candidate)) {
                found = token;
            }
        }
        return found;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    /** The 401 carries the same JSON error body as every other error. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        context.response().putHeader("WWW-Authenticate", "Bearer");
        JsonAnswers.error(context, 401, "unauthorized",
                "this request changes state: send 'Authorization: Bearer <token>' (TRAPWATCH_API_TOKEN) or an OIDC token");
        return Uni.createFrom().item(true);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }

    /** Ahead of OIDC's bearer mechanism, which would reject a static token as a malformed JWT. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
