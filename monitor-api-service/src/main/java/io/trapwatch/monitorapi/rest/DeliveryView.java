package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trapwatch.monitorapi.repository.DeliveryRepository.DeliveryRow;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One delivery of a subscription: pending (with its next attempt), delivered, or failed (parked after the last attempt). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Delivery")
public record DeliveryView(long id, String monitorKey, int sequence,
                           @Schema(enumeration = {"pending", "delivered", "failed"}) String status, int attempts,
                           Instant nextAttemptAt, String lastError, Instant deliveredAt,
                           @Schema(description = "telegram: the message that carried it (its own or a summary)") Long telegramMessageId,
                           Instant createdAt) {

    static DeliveryView of(DeliveryRow d) {
        return new DeliveryView(d.id(), d.monitorKey(), d.sequence(), d.status(), d.attempts(),
                "pending".equals(d.status()) ? d.nextAttemptAt() : null, d.lastError(), d.deliveredAt(),
                d.telegramMessageId(), d.createdAt());
    }
}
