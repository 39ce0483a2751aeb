package io.trapwatch.marketdata.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Outcome of one instrument sync. {@code updated} counts known instruments seen again (reactivated ones
 * included, also counted in {@code reactivated}); {@code delisted} counts only active → delisted transitions.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SyncResult(String marketType, int created, int updated, int reactivated, int delisted, int active) {
}
