package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.monitorapi.domain.SubscriptionSpec;
import io.trapwatch.monitorapi.domain.SubscriptionSpec.Channel;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a subscription body field by field, so every mistake is a 400 naming the field (dotted path), what is
 * allowed and what was received — including unknown fields, which would otherwise be silently ignored.
 */
final class SubscriptionBody {

    static final List<String> DEFAULT_STATUSES = List.of(MonitorStatus.PENDING.wire(),
            MonitorStatus.SUSPECTED_ABANDONMENT.wire(), MonitorStatus.CONFIRMED_ABANDONMENT.wire());

    private static final Set<String> TOP = Set.of("channel", "market_types", "intervals", "symbols", "statuses",
            "min_trigger_quote_volume", "enabled");
    private static final Set<String> WEBHOOK = Set.of("type", "url", "secret");
    private static final Set<String> TELEGRAM = Set.of("type", "bot_token_ref", "chat_id");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{1,32}");
    private static final Pattern TOKEN_REF = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern CHAT_ID = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z0-9_]{5,32}");
    private static final int MAX_SYMBOLS = 1000;

    private SubscriptionBody() {
    }

    static SubscriptionSpec parse(ObjectMapper mapper, String text) {
        JsonNode body;
        try {
            body = text == null || text.isBlank() ? null : mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad("body", "the body is not JSON: " + e.getOriginalMessage(), List.of("a JSON object"), null);
        }
        if (body == null || !body.isObject()) {
            throw bad("body", "a subscription is a JSON object", List.of("a JSON object"), body == null ? null : body.toString());
        }
        unknownFields(body, TOP, "");
        JsonNode channel = body.get("channel");
        if (channel == null || !channel.isObject()) {
            throw bad("channel", "required: the channel to deliver to", List.of("{\"type\":\"webhook\",\"url\",\"secret\"}",
                    "{\"type\":\"telegram\",\"bot_token_ref\",\"chat_id\"}"), text(channel));
        }
        String type = channel.path("type").isTextual() ? channel.get("type").asText() : null;
        if (!"webhook".equals(type) && !"telegram".equals(type)) {
            throw bad("channel.type", "required: webhook or telegram", List.of("webhook", "telegram"), text(channel.get("type")));
        }
        boolean webhook = type.equals("webhook");
        unknownFields(channel, webhook ? WEBHOOK : TELEGRAM, "channel.");
        String url = webhook ? url(channel.get("url")) : null;
        String secret = webhook ? secret(channel.get("secret")) : null;
        String tokenRef = webhook ? null : matching(channel.get("bot_token_ref"), "channel.bot_token_ref", TOKEN_REF,
                "required: the name of the setting or environment variable that holds the bot token (e.g. TRAPWATCH_TELEGRAM_BOT_TOKEN)");
        String chatId = webhook ? null : matching(chatIdText(channel.get("chat_id")), "channel.chat_id", CHAT_ID,
                "required: a numeric chat id or @channelusername");
        List<String> markets = choices(body.get("market_types"), "market_types", MarketType.wireNames(), MarketType.wireNames());
        List<String> intervals = choices(body.get("intervals"), "intervals", Interval.wireNames(), Interval.wireNames());
        List<String> statuses = choices(body.get("statuses"), "statuses", MonitorStatus.wireNames(), DEFAULT_STATUSES);
        return new SubscriptionSpec(webhook ? Channel.WEBHOOK : Channel.TELEGRAM, url, secret, tokenRef, chatId, markets,
                intervals, symbols(body.get("symbols")), statuses, minVolume(body.get("min_trigger_quote_volume")),
                enabled(body.get("enabled")));
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw bad(prefix + name, "unknown field", known.stream().sorted().toList(), text(node.get(name)));
            }
        }
    }

    private static String url(JsonNode node) {
        String detail = "required: an absolute http or https URL";
        if (node == null || !node.isTextual() || node.asText().length() > 2000) {
            throw bad("channel.url", detail, List.of("http://…", "https://…"), text(node));
        }
        try {
            URI uri = new URI(node.asText());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw bad("channel.url", detail, List.of("http://…", "https://…"), node.asText());
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw bad("channel.url", detail + " (" + e.getReason() + ")", List.of("http://…", "https://…"), node.asText());
        }
    }

    /** Optional here: a replacement may keep the stored secret; a new webhook without one is refused later. */
    private static String secret(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().length() < 16 || node.asText().length() > 256) {
            // Never echoed back: it is a secret even when it is a bad one.
            throw bad("channel.secret", "a string of 16 to 256 characters (the HMAC-SHA256 key)", List.of("16..256 characters"), null);
        }
        return node.asText();
    }

    private static String chatIdText(JsonNode node) {
        return node != null && node.isIntegralNumber() ? node.asText() : node != null && node.isTextual() ? node.asText() : null;
    }

    private static String matching(Object value, String field, Pattern pattern, String detail) {
        String text = value instanceof JsonNode node ? (node.isTextual() ? node.asText() : null) : (String) value;
        if (text == null || !pattern.matcher(text).matches()) {
            throw bad(field, detail, List.of(pattern.pattern()), value instanceof JsonNode node ? text(node) : text);
        }
        return text;
    }

    /** Omitted or null: the default. Otherwise a non-empty array of allowed values; duplicates collapse. */
    private static List<String> choices(JsonNode node, String field, List<String> allowed, List<String> defaults) {
        if (node == null || node.isNull()) {
            return defaults;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw bad(field, "a non-empty array (omit the field for the default)", allowed, text(node));
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || !allowed.contains(item.asText())) {
                throw bad(field, "unknown value", allowed, text(item));
            }
            values.add(item.asText());
        }
        return new ArrayList<>(values);
    }

    private static List<String> symbols(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_SYMBOLS) {
            throw bad("symbols", "an array of 1 to " + MAX_SYMBOLS + " symbols (omit the field for every symbol)",
                    List.of("[\"BTCUSDT\", …]"), text(node));
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode item : node) {
            String symbol = item.isTextual() ? item.asText().toUpperCase() : null;
            if (symbol == null || !SYMBOL.matcher(symbol).matches()) {
                throw bad("symbols", "a symbol is 1 to 32 letters and digits, e.g. BTCUSDT", List.of(SYMBOL.pattern()), text(item));
            }
            values.add(symbol);
        }
        return new ArrayList<>(values);
    }

    private static BigDecimal minVolume(JsonNode node) {
        if (node == null || node.isNull()) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal value = node.isNumber() ? node.decimalValue() : node.isTextual() ? new BigDecimal(node.asText()) : null;
            if (value != null && value.signum() >= 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw bad("min_trigger_quote_volume", "a decimal ≥ 0 in quote currency (USDT), as a number or a string",
                List.of(">= 0"), text(node));
    }

    private static boolean enabled(JsonNode node) {
        if (node == null || node.isNull()) {
            return true;
        }
        if (!node.isBoolean()) {
            throw bad("enabled", "true or false", List.of("true", "false"), text(node));
        }
        return node.asBoolean();
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.isTextual() ? node.asText() : node.toString();
    }

    static ApiProblem bad(String field, String detail, List<String> allowed, String received) {
        return ApiProblem.badField(field, detail, allowed, received);
    }
}
