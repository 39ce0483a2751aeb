package io.trapwatch.monitorapi.repository;

import io.trapwatch.monitorapi.domain.SubscriptionSpec.Channel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A subscription row; {@code encryptedSecret} is the AES-GCM sealed webhook secret (null for Telegram). */
public record StoredSubscription(long id, Channel channel, String webhookUrl, byte[] encryptedSecret,
                                 String telegramTokenRef, String telegramChatId, List<String> marketTypes,
                                 List<String> intervals, List<String> symbols, List<String> statuses,
                                 BigDecimal minTriggerQuoteVolume, boolean enabled, Instant pausedAt,
                                 int consecutiveFailures, Instant createdAt, Instant updatedAt) {

    /** Telegram's rate limit applies per bot and chat. */
    public String chatKey() {
        return telegramTokenRef + "/" + telegramChatId;
    }
}
