package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trapwatch.monitorapi.domain.SubscriptionSpec.Channel;
import io.trapwatch.monitorapi.repository.StoredSubscription;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A subscription as the API shows it: secrets are write-only (only whether one is stored). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Subscription")
public record SubscriptionView(long id, ChannelView channel, List<String> marketTypes, List<String> intervals,
                               @Schema(description = "null = every symbol") List<String> symbols, List<String> statuses,
                               @Schema(description = "Decimal string, quote currency (trigger volume × trigger price)")
                               String minTriggerQuoteVolume,
                               boolean enabled,
                               @Schema(description = "true when deliveries kept failing; enable the subscription again (PUT) to resume")
                               boolean paused,
                               Instant pausedAt, int consecutiveFailures, Instant createdAt, Instant updatedAt) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SubscriptionChannel")
    public record ChannelView(@Schema(enumeration = {"webhook", "telegram"}) String type, String url,
                              @Schema(description = "webhook: whether a secret is stored (it is never returned)") Boolean secretSet,
                              @Schema(description = "telegram: name of the setting holding the bot token") String botTokenRef,
                              String chatId) {
    }

    static SubscriptionView of(StoredSubscription s) {
        ChannelView channel = s.channel() == Channel.WEBHOOK
                ? new ChannelView("webhook", s.webhookUrl(), s.encryptedSecret() != null, null, null)
                : new ChannelView("telegram", null, null, s.telegramTokenRef(), s.telegramChatId());
        return new SubscriptionView(s.id(), channel, s.marketTypes(), s.intervals(), s.symbols(), s.statuses(),
                s.minTriggerQuoteVolume().toPlainString(), s.enabled(), s.pausedAt() != null, s.pausedAt(),
                s.consecutiveFailures(), s.createdAt(), s.updatedAt());
    }
}
