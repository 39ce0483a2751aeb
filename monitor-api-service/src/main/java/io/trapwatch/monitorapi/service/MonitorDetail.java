package io.trapwatch.monitorapi.service;

import io.trapwatch.monitorapi.repository.MonitorRow;
import io.trapwatch.monitorapi.repository.TransitionRecord;

import java.util.List;

/** One monitor and its transition log (oldest first), read together. */
public record MonitorDetail(MonitorRow monitor, List<TransitionRecord> transitions) {
}
