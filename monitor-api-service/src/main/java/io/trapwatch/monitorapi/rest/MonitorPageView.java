package io.trapwatch.monitorapi.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of the monitor list; next/previous are absolute URLs with the other parameters kept, or null. */
@Schema(name = "MonitorPage")
public record MonitorPageView(long count, String next, String previous, List<MonitorSummaryView> results) {
}
