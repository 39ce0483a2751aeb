package io.trapwatch.marketdata.rest;

import java.util.List;

/** A request parameter is missing or invalid; mapped to 400 with the parameter, allowed values and what was received. */
public class BadParameterException extends RuntimeException {
    private final String parameter;
    private final List<String> allowed;
    private final String received;

    public BadParameterException(String parameter, List<String> allowed, String received) {
        super((received == null ? "Missing " : "Invalid ") + parameter + " parameter");
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

    public String received() {
        return received;
    }
}
