package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A monitor with its version and its whole transition log (each transition with its indicator snapshot). */
@Schema(name = "MonitorDetail")
public record MonitorDetailView(@JsonUnwrapped MonitorSummaryView monitor, int version, List<TransitionView> transitions) {
}
