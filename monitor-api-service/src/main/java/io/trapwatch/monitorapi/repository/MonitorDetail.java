package io.trapwatch.monitorapi.repository;

import java.util.List;

/**
 * One monitor as its detail answer shows it: the monitor, its outcome ({@code null} before one was projected), its
 * transitions in order.
 */
public record MonitorDetail(MonitorRow monitor, OutcomeRow outcome, List<TransitionRecord> transitions) {
}
