package io.trapwatch.monitorapi.repository;

/** A monitor of a list page with its outcome ({@code null} before one was projected). */
public record ListedMonitor(MonitorRow monitor, OutcomeRow outcome) {
}
