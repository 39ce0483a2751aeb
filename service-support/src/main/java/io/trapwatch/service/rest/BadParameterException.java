package io.trapwatch.service.rest;

import java.util.List;

/**
 * A request parameter (or body field) is missing or invalid. {@link BadParameterMapper} answers it with 400 and a
 * JSON body naming the parameter, the allowed values and what was received, so the caller can fix the request.
 */
public class BadParameterException extends RuntimeException {

    private final String parameter;
    private final List<String> allowed;
    private final Object received;

    public BadParameterException(String parameter, List<String> allowed, Object received, String message) {
        super(message);
        this.parameter = parameter;
        this.allowed = List.copyOf(allowed);
        this.received = received;
    }

    /** With the standard message: "Missing x parameter" when nothing was received, else "Invalid x parameter". */
    public BadParameterException(String parameter, List<String> allowed, Object received) {
        this(parameter, allowed, received, (received == null ? "Missing " : "Invalid ") + parameter + " parameter");
    }

    public String parameter() {
        return parameter;
    }

    public List<String> allowed() {
        return allowed;
    }

    public Object received() {
        return received;
    }
}
