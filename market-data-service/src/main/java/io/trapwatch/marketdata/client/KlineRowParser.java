package io.trapwatch.marketdata.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.marketdata.domain.MalformedResponseException;
import io.trapwatch.marketdata.domain.ParsedKlines;
import io.trapwatch.model.Kline;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict reader of Binance's klines answer (an array of 12-element arrays). Decimals are parsed from
 * the exchange's strings directly (no binary floating point). A row that is incomplete, non-numeric,
 * inconsistent (high &lt; low, open/close outside the range) or not strictly after the previous row is
 * rejected with a message naming the symbol and the field; the other rows are kept.
 */
public final class KlineRowParser {

    private static final String[] DECIMAL_FIELDS = {
            null, "open", "high", "low", "close", "volume", null, "quote_volume", null, "taker_buy_volume", "taker_buy_quote_volume"};

    private final ObjectMapper mapper;

    public KlineRowParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @throws MalformedResponseException when the body is not a JSON array (e.g. truncated) */
    public ParsedKlines parse(String symbol, String body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException(symbol + ": klines answer is not valid JSON: " + e.getOriginalMessage());
        }
        return parse(symbol, root);
    }

    /** The same rules over rows already read as JSON (e.g. a stream's kline object laid out as a REST row). */
    public ParsedKlines parse(String symbol, JsonNode root) {
        if (root == null || !root.isArray()) {
            throw new MalformedResponseException(symbol + ": klines answer is not a JSON array");
        }
        List<Kline> bars = new ArrayList<>(root.size());
        List<String> rejections = new ArrayList<>();
        Instant previousOpen = null;
        for (int i = 0; i < root.size(); i++) {
            try {
                Kline bar = parseRow(root.get(i));
                if (previousOpen != null && !bar.openTime().isAfter(previousOpen)) {
                    throw new RowException("open_time", "not after the previous row's " + previousOpen);
                }
                bars.add(bar);
                previousOpen = bar.openTime();
            } catch (RowException e) {
                rejections.add(symbol + ": kline row " + i + " rejected, field " + e.field + ": " + e.getMessage());
            }
        }
        return new ParsedKlines(bars, rejections);
    }

    private static Kline parseRow(JsonNode row) {
        if (row == null || !row.isArray()) {
            throw new RowException("row", "not an array");
        }
        if (row.size() < 11) {
            throw new RowException(fieldName(row.size()), "missing (row has " + row.size() + " of 11 fields)");
        }
        Instant openTime = Instant.ofEpochMilli(integer(row, 0, "open_time"));
        BigDecimal open = decimal(row, 1);
        BigDecimal high = decimal(row, 2);
        BigDecimal low = decimal(row, 3);
        BigDecimal close = decimal(row, 4);
        BigDecimal volume = decimal(row, 5);
        Instant closeTime = Instant.ofEpochMilli(integer(row, 6, "close_time"));
        BigDecimal quoteVolume = decimal(row, 7);
        long trades = integer(row, 8, "trade_count");
        BigDecimal takerBuyVolume = decimal(row, 9);
        BigDecimal takerBuyQuoteVolume = decimal(row, 10);
        if (high.compareTo(low) < 0) {
            throw new RowException("high", "high " + high.toPlainString() + " is below low " + low.toPlainString());
        }
        if (open.compareTo(low) < 0 || open.compareTo(high) > 0) {
            throw new RowException("open", "open " + open.toPlainString() + " outside [low, high]");
        }
        if (close.compareTo(low) < 0 || close.compareTo(high) > 0) {
            throw new RowException("close", "close " + close.toPlainString() + " outside [low, high]");
        }
        if (!closeTime.isAfter(openTime)) {
            throw new RowException("close_time", "not after open_time");
        }
        if (trades < 0) {
            throw new RowException("trade_count", "negative");
        }
        return new Kline(openTime, closeTime, open, high, low, close, volume, quoteVolume, trades,
                takerBuyVolume, takerBuyQuoteVolume);
    }

    private static String fieldName(int index) {
        return switch (index) {
            case 0 -> "open_time";
            case 6 -> "close_time";
            case 8 -> "trade_count";
            default -> DECIMAL_FIELDS[index];
        };
    }

    private static long integer(JsonNode row, int index, String field) {
        JsonNode node = row.get(index);
        if (node == null || node.isNull()) {
            throw new RowException(field, "missing");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new RowException(field, "not an integer: " + node);
        }
        return node.longValue();
    }

    private static BigDecimal decimal(JsonNode row, int index) {
        String field = DECIMAL_FIELDS[index];
        JsonNode node = row.get(index);
        if (node == null || node.isNull()) {
            throw new RowException(field, "missing");
        }
        if (!node.isTextual()) {
            throw new RowException(field, "not a decimal string: " + node);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(node.textValue());
        } catch (NumberFormatException e) {
            throw new RowException(field, "not numeric: \"" + node.textValue() + "\"");
        }
        if (value.signum() < 0) {
            throw new RowException(field, "negative: " + node.textValue());
        }
        return value;
    }

    private static final class RowException extends RuntimeException {
        private final String field;

        RowException(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
