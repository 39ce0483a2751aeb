package io.trapwatch.detection.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a Binance kline file: a JSON array of {@code [openTime, "open", "high", "low", "close",
 * "volume", closeTime, ...]} candles, oldest first. Keeps the price strings so tests can compare
 * trigger values as exact decimals.
 */
final class KlineFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KlineFile() {
    }

    /** One candle: the engine's bar and the file's original strings. */
    record Row(Bar bar, String open, String high, String low, String close, String volume) {
    }

    static List<Row> read(Path path) {
        try {
            JsonNode candles = JSON.readTree(path.toFile());
            List<Row> rows = new ArrayList<>(candles.size());
            for (JsonNode candle : candles) {
                String open = candle.get(1).asText();
                String high = candle.get(2).asText();
                String low = candle.get(3).asText();
                String close = candle.get(4).asText();
                String volume = candle.get(5).asText();
                Bar bar = new Bar(candle.get(0).asLong(), Double.parseDouble(open), Double.parseDouble(high),
                        Double.parseDouble(low), Double.parseDouble(close), Double.parseDouble(volume));
                rows.add(new Row(bar, open, high, low, close, volume));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static List<Bar> bars(Path path) {
        return read(path).stream().map(Row::bar).toList();
    }

    /** The kline files ({@code <SYMBOL>-<interval>.json}) under a directory, in a stable order. */
    static List<Path> under(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.getFileName().toString().matches("[A-Z0-9]+-\\d+[mhdw]\\.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /** A directory of the test resources. */
    static Path resource(String name) {
        URL url = KlineFile.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
