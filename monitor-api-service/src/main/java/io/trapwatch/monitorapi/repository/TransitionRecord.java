package io.trapwatch.monitorapi.repository;

import java.math.BigDecimal;
import java.time.Instant;

/** One stored transition with its indicator snapshot (JSON text). */
public record TransitionRecord(int sequence, String fromStatus, String toStatus, Instant barTime, BigDecimal barClose,
                               String reason, String indicatorsJson, Instant recordedAt) {
}
