package io.trapwatch.monitorapi.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** Monitors per status (all five, lifecycle order, 0 included) under a list filter, and their total. */
@Schema(name = "StatusCounts")
public record StatusCountsView(
        @Schema(description = "status -> monitors", example = "{\"pending\":3,\"suspected_abandonment\":1,"
                + "\"confirmed_abandonment\":0,\"invalidated\":7,\"expired\":2}") Map<String, Long> counts,
        long total) {
}
