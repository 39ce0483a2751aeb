package io.trapwatch.marketdata.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.trapwatch.marketdata.domain.KlineStreamMessage;
import io.trapwatch.marketdata.domain.ParsedKlines;
import io.trapwatch.marketdata.domain.StreamNames;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads the text messages of a combined kline stream connection ({@code {"stream":…,"data":{"e":"kline",…}}}),
 * the {@code serverShutdown} event and the replies to subscription requests. The kline object is checked by the
 * same rules as a REST row ({@link KlineRowParser}); its symbol and interval must match the stream name.
 */
public final class KlineStreamParser {

    /** REST row positions of the kline object's fields: open time, OHLCV, close time, quote volume, trades, taker. */
    private static final String[] ROW_FIELDS = {"t", "o", "h", "l", "c", "v", "T", "q", "n", "V", "Q"};

    private static final KlineStreamMessage FORMING = new KlineStreamMessage.Forming();

    private final MarketType market;
    private final ObjectMapper mapper;
    private final KlineRowParser rows;

    public KlineStreamParser(MarketType market, ObjectMapper mapper) {
        this.market = market;
        this.mapper = mapper;
        this.rows = new KlineRowParser(mapper);
    }

    public KlineStreamMessage parse(String text) {
        if (isFormingKline(text)) {
            return FORMING;
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return new KlineStreamMessage.Malformed("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new KlineStreamMessage.Malformed("not a JSON object");
        }
        if (root.has("id") && (root.has("result") || root.has("error"))) {
            JsonNode error = root.get("error");
            return new KlineStreamMessage.Reply(root.path("id").asLong(-1), error == null || error.isNull() ? null : error.toString());
        }
        JsonNode data = root.has("data") ? root.get("data") : root;
        String event = data.path("e").asText("");
        if (event.equals("serverShutdown")) {
            return new KlineStreamMessage.ServerShutdown(data.path("E").asLong(0));
        }
        if (!event.equals("kline")) {
            return new KlineStreamMessage.Malformed("not a kline event: e=" + (event.isEmpty() ? "(missing)" : event));
        }
        return bar(root.path("stream").asText(null), data);
    }

    private KlineStreamMessage bar(String stream, JsonNode data) {
        JsonNode k = data.get("k");
        if (k == null || !k.isObject()) {
            return new KlineStreamMessage.Malformed("kline event without k object");
        }
        String symbol = k.path("s").asText(data.path("s").asText(""));
        StreamNames.SymbolInterval named;
        try {
            named = new StreamNames.SymbolInterval(symbol, Interval.fromWire(k.path("i").asText("")));
        } catch (IllegalArgumentException e) {
            return new KlineStreamMessage.Malformed(symbol + ": unsupported kline interval '" + k.path("i").asText("") + "'");
        }
        if (symbol.isEmpty()) {
            return new KlineStreamMessage.Malformed("kline without symbol");
        }
        if (stream != null && !StreamNames.parse(stream).equals(Optional.of(named))) {
            return new KlineStreamMessage.Malformed("kline of " + symbol + " " + named.interval() + " on stream " + stream);
        }
        JsonNode closed = k.get("x");
        if (closed == null || !closed.isBoolean()) {
            return new KlineStreamMessage.Malformed(symbol + ": kline without boolean x (closed flag)");
        }
        if (!closed.booleanValue()) {
            return FORMING;
        }
        ArrayNode row = mapper.createArrayNode();
        for (String field : ROW_FIELDS) {
            row.add(k.get(field) == null ? mapper.nullNode() : k.get(field));
        }
        ParsedKlines parsed = rows.parse(symbol, mapper.createArrayNode().add(row));
        if (parsed.bars().isEmpty()) {
            return new KlineStreamMessage.Malformed(String.join("; ", parsed.rejections()));
        }
        return new KlineStreamMessage.Bar(new SeriesKey(market, symbol, named.interval()), parsed.bars().get(0));
    }

    /**
     * Whether the message is a combined-stream kline event whose {@code data.k.x} is false, found by running over
     * its tokens without building anything. Anything else, odd shapes included, is left to the full reading.
     */
    private boolean isFormingKline(String text) {
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (p.nextToken() == JsonToken.START_OBJECT && field.equals("data")) {
                    return isFormingKlineEvent(p);
                }
                p.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isFormingKlineEvent(JsonParser data) throws IOException {
        boolean kline = false;
        boolean forming = false;
        while (data.nextToken() == JsonToken.FIELD_NAME) {
            String field = data.currentName();
            JsonToken value = data.nextToken();
            if (field.equals("e")) {
                kline = value == JsonToken.VALUE_STRING && data.getText().equals("kline");
            } else if (field.equals("k") && value == JsonToken.START_OBJECT) {
                while (data.nextToken() == JsonToken.FIELD_NAME) {
                    String name = data.currentName();
                    JsonToken flag = data.nextToken();
                    if (name.equals("x")) {
                        forming = flag == JsonToken.VALUE_FALSE;
                    }
                    data.skipChildren();
                }
            } else {
                data.skipChildren();
            }
        }
        return kline && forming;
    }
}
