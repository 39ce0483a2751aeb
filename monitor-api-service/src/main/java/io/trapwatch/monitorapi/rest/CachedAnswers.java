package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.monitorapi.service.ReadCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * Answers of the cached reads: the body from {@link ReadCache}, an ETag naming the read-model version and the request
 * key, {@code Cache-Control: no-cache} (a client may keep the answer but must revalidate it, since any projected event
 * can change it), and 304 without a body or a query when {@code If-None-Match} names the current ETag. The ETag is
 * known before the answer is read, so a revalidation costs no database work. A malformed {@code If-None-Match} simply
 * matches nothing; {@code *} is not honoured (it would need the answer to know whether it exists) and gets the answer.
 */
@ApplicationScoped
class CachedAnswers {

    static final String CACHE_CONTROL = "no-cache";
    static final String ETAG_DOC = "The read-model version and the request: send it back as If-None-Match to revalidate";
    static final String NOT_MODIFIED_DOC = "If-None-Match named the current ETag: nothing changed, no body";

    /** The body of an answer as a view record, read from the read model. */
    @FunctionalInterface
    interface View {
        Object read() throws SQLException;
    }

    private final ReadCache cache;
    private final ObjectMapper json;

    CachedAnswers(ReadCache cache, ObjectMapper json) {
        this.cache = cache;
        this.json = json;
    }

    /** The answer for {@code key}, which with the read model alone determines the view. */
    Response answer(HttpHeaders headers, String key, View view) throws SQLException {
        ReadCache.Body body = () -> render(view.read());
        long version = cache.version();
        if (version < 0) {
            return Response.ok(body.read(), MediaType.APPLICATION_JSON_TYPE).build(); // version not read yet
        }
        String etag = etag(version, key);
        if (matches(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
            cache.notModified();
            return Response.notModified().header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
        }
        return Response.ok(cache.get(key, version, body), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
    }

    private byte[] render(Object view) {
        try {
            return json.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a view record failed to render", e);
        }
    }

    /** {@code "<version>-<first 64 bits of the key's SHA-256>"}: the same on every instance at the same version. */
    static String etag(long version, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "\"" + version + "-" + HexFormat.of().formatHex(digest, 0, 8) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Weak comparison (RFC 9110 §13.1.2): a {@code W/} prefix is ignored; several tags separated by commas. */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if ((t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
