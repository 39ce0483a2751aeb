package io.trapwatch.detection.rest;

import java.util.List;

/** A request field is missing or invalid; answered with 400 naming the field, the allowed values and what was received. */
public class BadParameterException extends RuntimeException {

    private final String parameter;
    private final List<String> allowed;
    private final Object received;

    public BadParameterException(String parameter, List<String> allowed, Object received, String message) {
        super(message);
        this.parameter = parameter;
        this.allowed = allowed;
        this.received = received;
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
