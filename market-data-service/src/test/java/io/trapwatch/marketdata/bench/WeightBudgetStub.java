package io.trapwatch.marketdata.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.trapwatch.infra.QueryString;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Binance spot stand-in for the benchmark: {@code symbols} USDT pairs with synthetic 4h candles, 50 ms latency per
 * call, and Binance's weight budget enforced per minute (over budget → 429 with Retry-After), with the
 * X-MBX-USED-WEIGHT-1M header on every answer.
 */
final class WeightBudgetStub implements AutoCloseable {

    static final long H4 = 4 * 3_600_000L;

    private final HttpServer server;
    private final int symbols;
    private final long latencyMillis;
    private final int budget;
    private final AtomicLong serverTime;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private long minute;
    private int used;

    WeightBudgetStub(int symbols, long latencyMillis, int budget, long serverTime) throws IOException {
        this.symbols = symbols;
        this.latencyMillis = latencyMillis;
        this.budget = budget;
        this.serverTime = new AtomicLong(serverTime);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void advance(long millis) {
        serverTime.addAndGet(millis);
    }

    int calls() {
        return calls.get();
    }

    int rejected() {
        return rejected.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            sleep(latencyMillis);
            String endpoint = exchange.getRequestURI().getPath().replaceFirst("^/spot/api/v3/", "");
            Map<String, String> query = QueryString.parse(exchange.getRequestURI().getRawQuery());
            int weight = switch (endpoint) {
                case "exchangeInfo" -> 20;
                case "ticker/price" -> 4;
                case "klines" -> 2;
                default -> 1;
            };
            int usedNow = charge(weight);
            if (usedNow < 0) {
                rejected.incrementAndGet();
                long wait = 60 - (System.currentTimeMillis() / 1000) % 60;
                send(exchange, 429, "{\"code\":-1003,\"msg\":\"Too many requests\"}", Map.of("Retry-After", String.valueOf(wait)), -usedNow);
                return;
            }
            String body = switch (endpoint) {
                case "time" -> "{\"serverTime\":" + serverTime.get() + "}";
                case "exchangeInfo" -> exchangeInfo();
                case "ticker/price" -> "[]";
                case "klines" -> klines(query);
                default -> "{}";
            };
            send(exchange, 200, body, Map.of(), usedNow);
        }
    }

    /** Returns the minute's weight after this call, or minus it when the call does not fit. */
    private synchronized int charge(int weight) {
        long now = System.currentTimeMillis() / 60_000;
        if (now != minute) {
            minute = now;
            used = 0;
        }
        if (used + weight > budget) {
            return -used;
        }
        used += weight;
        return used;
    }

    private String exchangeInfo() {
        StringBuilder sb = new StringBuilder("{\"timezone\":\"UTC\",\"serverTime\":").append(serverTime.get()).append(",\"symbols\":[");
        for (int i = 0; i < symbols; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"symbol\":\"").append(symbol(i))
                    .append("\",\"status\":\"TRADING\",\"baseAsset\":\"B").append(i).append("\",\"quoteAsset\":\"USDT\"}");
        }
        return sb.append("]}").toString();
    }

    static String symbol(int i) {
        return String.format("B%03dUSDT", i);
    }

    /**
     * Candles opened at or before the server time (the forming one included), as Binance answers: from startTime
     * forwards, or without it the newest {@code limit} candles opened at or before endTime (default: now).
     */
    private String klines(Map<String, String> query) {
        long formingOpen = Math.floorDiv(serverTime.get(), H4) * H4;
        long last = query.containsKey("endTime")
                ? Math.min(formingOpen, Math.floorDiv(Long.parseLong(query.get("endTime")), H4) * H4) : formingOpen;
        int limit = Integer.parseInt(query.getOrDefault("limit", "500"));
        long start = query.containsKey("startTime")
                ? Math.floorDiv(Long.parseLong(query.get("startTime")) + H4 - 1, H4) * H4 : last - (limit - 1) * H4;
        int seed = query.getOrDefault("symbol", "").hashCode();
        StringBuilder sb = new StringBuilder(limit * 140).append('[');
        int n = 0;
        for (long open = start; open <= last && n < limit; open += H4, n++) {
            long k = open / H4 + seed;
            BigDecimal o = BigDecimal.valueOf(100_000 + Math.floorMod(k * 7919, 5000), 3).setScale(8, RoundingMode.UNNECESSARY);
            BigDecimal c = BigDecimal.valueOf(100_000 + Math.floorMod(k * 104729, 5000), 3).setScale(8, RoundingMode.UNNECESSARY);
            BigDecimal h = o.max(c).add(new BigDecimal("0.51230000"));
            BigDecimal l = o.min(c).subtract(new BigDecimal("0.48770000"));
            sb.append(n == 0 ? "" : ",").append('[').append(open).append(",\"").append(o.toPlainString()).append("\",\"")
                    .append(h.toPlainString()).append("\",\"").append(l.toPlainString()).append("\",\"").append(c.toPlainString())
                    .append("\",\"").append(1000 + Math.floorMod(k, 977)).append(".12345678\",").append(open + H4 - 1)
                    .append(",\"123456.78900000\",").append(Math.floorMod(k, 5000)).append(",\"500.00000000\",\"61728.39450000\",\"0\"]");
        }
        return sb.append(']').toString();
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers, int usedWeight)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-MBX-USED-WEIGHT-1M", String.valueOf(usedWeight));
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
