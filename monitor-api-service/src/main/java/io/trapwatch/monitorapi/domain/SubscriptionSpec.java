package io.trapwatch.monitorapi.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a caller asked for, validated. Filter lists hold wire names; {@code symbols} null means every symbol.
 * {@code webhookSecret} is the plain secret, null on an update that keeps the stored one.
 */
public record SubscriptionSpec(Channel channel, String webhookUrl, String webhookSecret, String telegramTokenRef,
                               String telegramChatId, List<String> marketTypes, List<String> intervals,
                               List<String> symbols, List<String> statuses, BigDecimal minTriggerQuoteVolume,
                               boolean enabled) {

    public enum Channel {
        WEBHOOK("webhook"), TELEGRAM("telegram");

        private final String wire;

        Channel(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Channel fromWire(String value) {
            for (Channel c : values()) {
                if (c.wire.equals(value)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown channel " + value);
        }
    }
}
