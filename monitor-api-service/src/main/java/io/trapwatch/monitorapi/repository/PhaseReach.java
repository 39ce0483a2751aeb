package io.trapwatch.monitorapi.repository;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How many monitors of one market type reached each phase (every monitor passed phase 1, discovery). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "PhaseReach")
public record PhaseReach(String marketType, long monitors,
                         @JsonProperty("phase_1_passed") @Schema(description = "Discovery: the trigger bar") long phase1Passed,
                         @JsonProperty("phase_2_passed") @Schema(description = "Confirmation: reached suspected_abandonment") long phase2Passed,
                         @JsonProperty("phase_3_passed") @Schema(description = "Validation: reached confirmed_abandonment") long phase3Passed) {
}
