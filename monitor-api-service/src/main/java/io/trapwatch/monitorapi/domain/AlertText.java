package io.trapwatch.monitorapi.domain;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Plain-text Telegram messages: one alert (a photo caption, ≤ 1024 characters) or a summary of merged alerts. */
public final class AlertText {

    /** Telegram's limit for a text message. */
    public static final int MESSAGE_LIMIT = 4096;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private AlertText() {
    }

    public static String single(AlertPayload a) {
        StringBuilder text = new StringBuilder();
        text.append(headline(a.reason())).append(" · ").append(a.marketType()).append(' ').append(a.symbol()).append(' ')
                .append(a.interval()).append('\n');
        text.append("Status: ").append(a.status());
        if (a.fromStatus() != null) {
            text.append(" (was ").append(a.fromStatus()).append(')');
        }
        text.append('\n').append("Trigger: ").append(TIME.format(a.triggerTime())).append(" at ").append(a.triggerPrice()).append('\n');
        if (a.currentPrice() != null) {
            text.append("Now: ").append(a.currentPrice());
            if (a.priceChangePercent() != null) {
                text.append(" (").append(a.priceChangePercent().signum() > 0 ? "+" : "").append(a.priceChangePercent().toPlainString()).append(" %)");
            }
            text.append('\n');
        }
        String indicators = keyIndicators(a.indicators());
        if (!indicators.isEmpty()) {
            text.append(indicators).append('\n');
        }
        text.append(a.dashboardUrl()).append('\n').append(a.monitorKey()).append(" #").append(a.sequence());
        return text.toString();
    }

    /** One line per alert in the summary; {@link #summary} takes as many as fit in one message. */
    public static String summaryLine(AlertPayload a) {
        return "• " + a.marketType() + " " + a.symbol() + " " + a.interval() + " → " + a.status() + " (" + a.monitorKey()
                + " #" + a.sequence() + ")";
    }

    public static String summaryHeader(int count) {
        return count + " alerts at once, merged to respect the chat's message limit:";
    }

    /** How many of {@code lines}, from the first, fit in one summary message (at least one). */
    public static int summaryFits(List<String> lines) {
        int taken = 0;
        int length = summaryHeader(lines.size()).length();
        for (String line : lines) {
            length += 1 + line.length();
            if (taken > 0 && length > MESSAGE_LIMIT) {
                break;
            }
            taken++;
        }
        return taken;
    }

    public static String summary(List<String> lines) {
        return summaryHeader(lines.size()) + "\n" + String.join("\n", lines);
    }

    private static String headline(String reason) {
        return switch (reason) {
            case "discovery" -> "DISCOVERY";
            case "confirmation" -> "CONFIRMATION";
            case "validation" -> "VALIDATION";
            case "invalidation" -> "INVALIDATED";
            case "expiry" -> "EXPIRED";
            default -> reason.toUpperCase();
        };
    }

    private static String keyIndicators(IndicatorSnapshotView v) {
        if (v == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        add(parts, "RVOL", v.rvolRatio());
        add(parts, "upper shadow", v.upperShadowRatio());
        add(parts, "volume retention", v.volumeRetentionRatio());
        add(parts, "price efficiency", v.priceEfficiency());
        add(parts, "MA25 slope", v.ma25Slope());
        add(parts, "ATR", v.atr());
        return String.join(" · ", parts);
    }

    private static void add(List<String> parts, String name, String value) {
        if (value != null) {
            parts.add(name + " " + value);
        }
    }
}
