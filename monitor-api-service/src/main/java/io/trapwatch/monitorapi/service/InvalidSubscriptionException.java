package io.trapwatch.monitorapi.service;

/** A subscription that is well-formed but cannot be accepted as it stands; names the offending body field. */
public class InvalidSubscriptionException extends RuntimeException {

    private final String field;

    public InvalidSubscriptionException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
