package io.trapwatch.detection.domain;

import java.util.List;

/** A sweep request that cannot run, naming the field ({@code grid.rvol_threshold}, {@code rank_by}, …). */
public final class InvalidGridException extends RuntimeException {

    private final String field;
    private final List<String> allowed;
    private final Object received;

    public InvalidGridException(String field, List<String> allowed, Object received, String message) {
        super(message);
        this.field = field;
        this.allowed = allowed;
        this.received = received;
    }

    public String field() {
        return field;
    }

    public List<String> allowed() {
        return allowed;
    }

    public Object received() {
        return received;
    }
}
