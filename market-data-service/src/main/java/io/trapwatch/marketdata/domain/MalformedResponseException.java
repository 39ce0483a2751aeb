package io.trapwatch.marketdata.domain;

/** The exchange answered, but not with what its documentation promises; nothing from that answer is used. */
public class MalformedResponseException extends RuntimeException {
    public MalformedResponseException(String message) {
        super(message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
