package io.trapwatch.detection.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trapwatch.detection.domain.ClosedBar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one page of {@code GET /api/market-data/klines} straight into {@link ClosedBar}s with Jackson's streaming
 * parser: a scan reads whole histories, and binding every row to an intermediate object first cost about half of
 * a dry run's CPU. Decimals are read as text with {@code new BigDecimal(String)}, so nothing is rounded. Fields this
 * service does not use are skipped; a bar lacking one it needs is an error naming the bar and the field.
 */
final class KlinePageReader {

    private static final JsonFactory JSON = new JsonFactory();

    private KlinePageReader() {
    }

    static List<ClosedBar> read(byte[] page, String series) {
        try (JsonParser p = JSON.createParser(page)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, series, "the page");
            List<ClosedBar> bars = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("klines".equals(field) && value == JsonToken.START_ARRAY) {
                    bars = rows(p, series);
                } else {
                    p.skipChildren();
                }
            }
            return bars;
        } catch (IOException e) {
            throw new UncheckedIOException("market-data page for " + series + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static List<ClosedBar> rows(JsonParser p, String series) throws IOException {
        List<ClosedBar> bars = new ArrayList<>(1000);
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.START_OBJECT) {
            String openTime = null;
            String open = null;
            String high = null;
            String low = null;
            String close = null;
            String volume = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "open_time" -> openTime = p.getValueAsString();
                    case "open" -> open = p.getValueAsString();
                    case "high" -> high = p.getValueAsString();
                    case "low" -> low = p.getValueAsString();
                    case "close" -> close = p.getValueAsString();
                    case "volume" -> volume = p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
            int row = bars.size();
            Instant time = UtcTimestamps.parse(required(openTime, "open_time", series, row));
            bars.add(ClosedBar.of(time, decimal(open, "open", series, row), decimal(high, "high", series, row),
                    decimal(low, "low", series, row), decimal(close, "close", series, row),
                    decimal(volume, "volume", series, row)));
        }
        expect(token, JsonToken.END_ARRAY, series, "klines");
        return bars;
    }

    private static BigDecimal decimal(String text, String field, String series, int row) {
        try {
            return new BigDecimal(required(text, field, series, row));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("market-data bar " + row + " of " + series + ": " + field
                    + " is not a decimal: " + text);
        }
    }

    private static String required(String text, String field, String series, int row) {
        if (text == null) {
            throw new IllegalStateException("market-data bar " + row + " of " + series + " lacks " + field);
        }
        return text;
    }

    private static void expect(JsonToken actual, JsonToken expected, String series, String what) {
        if (actual != expected) {
            throw new IllegalStateException("market-data page for " + series + ": " + what + " is not "
                    + (expected == JsonToken.START_OBJECT ? "an object" : "a list of objects"));
        }
    }
}
