package io.trapwatch.monitorapi.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The data of a {@code monitor} server-sent event: the monitor as it is after the change, as the list shows it. */
@Schema(name = "MonitorChangeEvent")
public record MonitorChangeEvent(
        @Schema(description = "Change number, also the event's id: resume after it with Last-Event-ID") long sequence,
        @Schema(description = "The monitor's event version (number of transitions)") int version,
        MonitorSummaryView monitor) {
}
