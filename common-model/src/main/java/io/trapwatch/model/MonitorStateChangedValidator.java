package io.trapwatch.model;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a {@link MonitorStateChanged} read from Kafka can be used; every consumer asks this one place. A record
 * missing what a read model needs is dropped, not guessed at.
 */
public final class MonitorStateChangedValidator {

    /** Longest monitor key and transition reason a consumer has to store (the read model's column widths). */
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_REASON_LENGTH = 16;

    private MonitorStateChangedValidator() {
    }

    /** Why the event cannot be used, or empty when it can. */
    public static Optional<String> problem(MonitorStateChanged e) {
        if (e.monitorKey() == null || e.monitorKey().isBlank() || e.monitorKey().length() > MAX_KEY_LENGTH) {
            return Optional.of("monitorKey missing or longer than " + MAX_KEY_LENGTH + " characters");
        }
        if (e.version() < 1) {
            return Optional.of("version " + e.version() + " is not positive");
        }
        if (e.marketType() == null || e.interval() == null || e.status() == null || e.triggerTime() == null) {
            return Optional.of("marketType, interval, status and triggerTime are required");
        }
        if (!Symbols.isValid(e.symbol())) {
            return Optional.of("symbol " + e.symbol() + " is not 2 to 32 upper-case letters and digits");
        }
        if (e.triggerPrice() == null || e.triggerVolume() == null || e.triggerHigh() == null || e.triggerLow() == null) {
            return Optional.of("trigger price, volume, high and low are required");
        }
        if (e.transitions() == null || e.transitions().isEmpty()) {
            return Optional.of("the transition log is empty");
        }
        Set<Integer> sequences = new HashSet<>();
        for (MonitorStateChanged.Transition t : e.transitions()) {
            if (t == null || t.to() == null || t.barTime() == null || t.reason() == null
                    || t.reason().length() > MAX_REASON_LENGTH) {
                return Optional.of("a transition lacks to, barTime or reason");
            }
            if (!sequences.add(t.sequence())) {
                return Optional.of("transition sequence " + t.sequence() + " appears twice");
            }
        }
        return Optional.empty();
    }
}
