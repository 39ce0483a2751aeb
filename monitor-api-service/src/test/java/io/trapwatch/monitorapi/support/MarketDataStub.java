package io.trapwatch.monitorapi.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.trapwatch.infra.QueryString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for market-data-service's {@code GET /api/market-data/klines} over real HTTP, serving recorded real
 * Binance bars (ETHUSDT 4h: spot, 300 bars from 2021-03-06; futures, 262 bars from 2023-07-04) in
 * market-data-service's contract. It can be switched to
 * answer slowly, with a 500, with garbage, or to be down altogether (its port then refuses connections).
 */
public final class MarketDataStub implements AutoCloseable {

    public enum Mode { NORMAL, SLOW, ERROR, GARBAGE, DOWN }

    public static final String SYMBOL = "ETHUSDT";

    private final List<JsonNode> rows;
    private final List<JsonNode> futuresRows;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final int port;
    private volatile Mode mode = Mode.NORMAL;
    private HttpServer server;

    public MarketDataStub() {
        try {
            rows = fixture("spot");
            futuresRows = fixture("futures");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            port = server.getAddress().getPort();
            start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> fixture(String market) throws IOException {
        try (InputStream in = MarketDataStub.class.getResourceAsStream("/fixtures/" + market + "-ETHUSDT-4h.json")) {
            List<JsonNode> out = new ArrayList<>();
            new ObjectMapper().readTree(in).forEach(out::add);
            return out;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Raw query strings received, newest last. */
    public List<String> queries() {
        return queries;
    }

    /** A spot bar as Binance sent it: [open time ms, open, high, low, close, volume, close time ms, ...]. */
    public JsonNode row(int index) {
        return rows.get(index);
    }

    /** A futures bar, like {@link #row}. */
    public JsonNode futuresRow(int index) {
        return futuresRows.get(index);
    }

    public synchronized void mode(Mode next) {
        if (next == Mode.DOWN && server != null) {
            server.stop(0);
            server = null;
        } else if (next != Mode.DOWN && server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            start();
        }
        mode = next;
    }

    private void start() {
        server.createContext("/api/market-data/klines", this::klines);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    private void klines(HttpExchange exchange) throws IOException {
        String raw = exchange.getRequestURI().getRawQuery();
        queries.add(raw == null ? "" : raw);
        Map<String, String> q = QueryString.parse(raw);
        switch (mode) {
            case SLOW -> {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(exchange, 200, "{\"klines\":[]}");
            }
            case ERROR -> reply(exchange, 500, "{\"error\":\"database down\"}");
            case GARBAGE -> reply(exchange, 200, "<html>not json</html>");
            default -> {
                String market = q.get("market_type");
                if (!("spot".equals(market) || "futures".equals(market)) || !SYMBOL.equals(q.get("symbol"))
                        || !"4h".equals(q.get("interval"))) {
                    reply(exchange, 404, "{\"error\":\"unknown symbol\"}");
                    return;
                }
                long start = q.containsKey("start") ? Instant.parse(q.get("start")).toEpochMilli() : Long.MIN_VALUE;
                long end = q.containsKey("end") ? Instant.parse(q.get("end")).toEpochMilli() : Long.MAX_VALUE;
                int limit = q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : 500;
                StringBuilder bars = new StringBuilder();
                int n = 0;
                for (JsonNode r : "spot".equals(market) ? rows : futuresRows) {
                    long open = r.get(0).asLong();
                    if (open >= start && open <= end && n < limit) {
                        bars.append(n++ == 0 ? "" : ",").append(bar(r));
                    }
                }
                reply(exchange, 200, "{\"market_type\":\"" + market + "\",\"symbol\":\"ETHUSDT\",\"interval\":\"4h\",\"klines\":[" + bars + "]}");
            }
        }
    }

    private static String bar(JsonNode r) {
        return String.format("{\"open_time\":\"%s\",\"close_time\":\"%s\",\"open\":\"%s\",\"high\":\"%s\",\"low\":\"%s\","
                        + "\"close\":\"%s\",\"volume\":\"%s\",\"quote_volume\":\"%s\",\"trade_count\":%d,"
                        + "\"taker_buy_volume\":\"%s\",\"taker_buy_quote_volume\":\"%s\"}",
                Instant.ofEpochMilli(r.get(0).asLong()), Instant.ofEpochMilli(r.get(6).asLong()), r.get(1).asText(),
                r.get(2).asText(), r.get(3).asText(), r.get(4).asText(), r.get(5).asText(), r.get(7).asText(),
                r.get(8).asLong(), r.get(9).asText(), r.get(10).asText());
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // the caller gave up (read timeout) before the slow answer was written
        }
    }

    @Override
    public void close() {
        mode(Mode.DOWN);
    }
}
