package io.trapwatch.infra.oidc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trapwatch.infra.QueryString;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal OpenID Connect issuer over real HTTP for tests: discovery document, JWKS with one RSA key, and a token
 * endpoint that signs RS256 access tokens with the claims asked for. {@code GET /token?sub=&groups=a,b&expires_in=s}
 * gives a valid token; {@code signer=stranger} signs with a key the JWKS does not publish (a forged token).
 */
public final class OidcIssuer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String KEY_ID = "trapwatch-test-key";

    private final HttpServer server;
    private final KeyPair published = rsaKeyPair();
    private final KeyPair stranger = rsaKeyPair();
    private final String issuer;

    private OidcIssuer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/trapwatch";
        server.createContext("/realms/trapwatch/.well-known/openid-configuration", exchange -> answer(exchange, discovery()));
        server.createContext("/realms/trapwatch/jwks", exchange -> answer(exchange, jwks()));
        server.createContext("/realms/trapwatch/token", exchange -> answer(exchange,
                Map.of("access_token", token(QueryString.parse(exchange.getRequestURI().getRawQuery())), "token_type", "Bearer")));
        server.start();
    }

    public static OidcIssuer start() {
        try {
            return new OidcIssuer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The issuer URL: what {@code quarkus.oidc.auth-server-url} points at and what tokens carry as {@code iss}. */
    public String issuer() {
        return issuer;
    }

    private Map<String, Object> discovery() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/jwks");
        document.put("token_endpoint", issuer + "/token");
        document.put("authorization_endpoint", issuer + "/auth");
        document.put("response_types_supported", List.of("code"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        return document;
    }

    private Map<String, Object> jwks() {
        RSAPublicKey key = (RSAPublicKey) published.getPublic();
        return Map.of("keys", List.of(Map.of("kty", "RSA", "kid", KEY_ID, "use", "sig", "alg", "RS256",
                "n", unsigned(key.getModulus()), "e", unsigned(key.getPublicExponent()))));
    }

    private String token(Map<String, String> request) {
        long now = Instant.now().getEpochSecond();
        long lifetime = Long.parseLong(request.getOrDefault("expires_in", "300"));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", request.getOrDefault("sub", "alice"));
        claims.put("iat", Math.min(now, now + lifetime));
        claims.put("exp", now + lifetime);
        String groups = request.getOrDefault("groups", "");
        claims.put("groups", groups.isEmpty() ? List.of() : List.of(groups.split(",")));
        PrivateKey signer = "stranger".equals(request.get("signer")) ? stranger.getPrivate() : published.getPrivate();
        return sign(Map.of("alg", "RS256", "typ", "JWT", "kid", KEY_ID), claims, signer);
    }

    private static String sign(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        try {
            String content = BASE64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(content.getBytes(StandardCharsets.US_ASCII));
            return content + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    /** JWK numbers are big-endian unsigned: BigInteger's sign byte must go. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return BASE64URL.encodeToString(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
