package io.trapwatch.detection.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.service.rest.BadParameterException;

import java.util.List;

/**
 * Reads a request body in the resource rather than by the framework, so an unreadable body is a 400 naming
 * {@code body} like every other input error; a missing body is {@code null}, for the validator to name.
 */
final class JsonBody {

    private JsonBody() {
    }

    static <T> T read(ObjectMapper mapper, String body, Class<T> type, String what, String example) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new BadParameterException("body", "request body is not a valid " + what + ": " + e.getOriginalMessage(),
                    List.of("a JSON object such as " + example), null);
        }
    }
}
