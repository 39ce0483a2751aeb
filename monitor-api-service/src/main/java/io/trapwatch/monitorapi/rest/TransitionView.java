package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trapwatch.monitorapi.domain.IndicatorSnapshotView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One step of a monitor's life; the creation has {@code from} null. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Transition")
public record TransitionView(
        int sequence,
        @Schema(nullable = true, description = "Previous status; null for the creation") String from,
        String to,
        @Schema(description = "Open time of the bar that caused the transition") Instant barTime,
        String barClose,
        @Schema(enumeration = {"discovery", "confirmation", "validation", "invalidation", "expiry"}) String reason,
        Instant recordedAt,
        @Schema(description = "Indicator snapshot of the evaluation that caused the transition") IndicatorSnapshotView indicators) {
}
