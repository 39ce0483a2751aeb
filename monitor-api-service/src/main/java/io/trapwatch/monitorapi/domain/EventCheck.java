package io.trapwatch.monitorapi.domain;

import io.trapwatch.model.MonitorStateChanged;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Why an event cannot be projected, if it cannot: a record missing what the read model needs is dropped, not guessed at. */
public final class EventCheck {

    private EventCheck() {
    }

    public static Optional<String> problem(MonitorStateChanged e) {
        if (e.monitorKey() == null || e.monitorKey().isBlank() || e.monitorKey().length() > 128) {
            return Optional.of("monitorKey missing or longer than 128 characters");
        }
        if (e.version() < 1) {
            return Optional.of("version " + e.version() + " is not positive");
        }
        if (e.marketType() == null || e.interval() == null || e.status() == null || e.triggerTime() == null) {
            return Optional.of("marketType, interval, status and triggerTime are required");
        }
        if (e.symbol() == null || e.symbol().isBlank() || e.symbol().length() > 32) {
            return Optional.of("symbol missing or longer than 32 characters");
        }
        if (e.triggerPrice() == null || e.triggerVolume() == null || e.triggerHigh() == null || e.triggerLow() == null) {
            return Optional.of("trigger price, volume, high and low are required");
        }
        if (e.transitions() == null || e.transitions().isEmpty()) {
            return Optional.of("the transition log is empty");
        }
        Set<Integer> sequences = new HashSet<>();
        for (MonitorStateChanged.Transition t : e.transitions()) {
            if (t == null || t.to() == null || t.barTime() == null || t.reason() == null || t.reason().length() > 16) {
                return Optional.of("a transition lacks to, barTime or reason");
            }
            if (!sequences.add(t.sequence())) {
                return Optional.of("transition sequence " + t.sequence() + " appears twice");
            }
        }
        return Optional.empty();
    }
}
