package io.trapwatch.detection.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Transitions counted by kind (the reason the engine gave), as reported by scans. */
public record TransitionTally(long discovered, long confirmed, long validated, long invalidated, long expired) {

    public static final TransitionTally NONE = new TransitionTally(0, 0, 0, 0, 0);

    public TransitionTally plus(String reason) {
        return switch (reason) {
            case "discovery" -> new TransitionTally(discovered + 1, confirmed, validated, invalidated, expired);
            case "confirmation" -> new TransitionTally(discovered, confirmed + 1, validated, invalidated, expired);
            case "validation" -> new TransitionTally(discovered, confirmed, validated + 1, invalidated, expired);
            case "invalidation" -> new TransitionTally(discovered, confirmed, validated, invalidated + 1, expired);
            case "expiry" -> new TransitionTally(discovered, confirmed, validated, invalidated, expired + 1);
            default -> throw new IllegalArgumentException("unknown transition reason " + reason);
        };
    }

    public TransitionTally plus(TransitionTally o) {
        return new TransitionTally(discovered + o.discovered, confirmed + o.confirmed, validated + o.validated,
                invalidated + o.invalidated, expired + o.expired);
    }

    @JsonProperty("total")
    public long total() {
        return discovered + confirmed + validated + invalidated + expired;
    }
}
