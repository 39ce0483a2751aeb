package io.trapwatch.detection.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.trapwatch.infra.QueryString;
import io.trapwatch.model.Kline;
import io.trapwatch.model.SeriesKey;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * market-data-service's read API over real HTTP inside the test JVM, backed by planted bars:
 * {@code /api/market-data/klines} (paged, inclusive bounds, limit ≤ 1000) and {@code /api/market-data/series}.
 * Each bar's JSON row is rendered once when planted: the stub shares the CPU with the service under test, and
 * the benchmark should measure the service's reading, not the stub's writing.
 */
public class MarketDataStub implements QuarkusTestResourceLifecycleManager {

    private record Planted(List<Kline> bars, long[] openTimes, List<String> rows) {
    }

    private static final Map<SeriesKey, Planted> SERIES = new ConcurrentHashMap<>();
    private static final List<String> KLINE_REQUESTS = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
    private static volatile int failureStatus;
    private static HttpServer server;

    /** The next {@code count} kline requests are answered with HTTP {@code status} and a JSON error body. */
    public static void failKlineRequests(int count, int status) {
        failureStatus = status;
        FAILURES_LEFT.set(count);
    }

    /** Kline requests are answered normally again. */
    public static void stopFailing() {
        FAILURES_LEFT.set(0);
    }

    /** Bars are served ascending by open time, as market-data-service stores them. */
    public static void plant(SeriesKey series, List<Kline> planted) {
        List<Kline> bars = planted.stream().sorted(Comparator.comparing(Kline::openTime)).toList();
        long[] openTimes = new long[bars.size()];
        List<String> rows = new ArrayList<>(bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Kline k = bars.get(i);
            openTimes[i] = k.openTime().toEpochMilli();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("open_time", k.openTime().toString());
            row.put("close_time", k.closeTime().toString());
            row.put("open", k.open().toPlainString());
            row.put("high", k.high().toPlainString());
            row.put("low", k.low().toPlainString());
            row.put("close", k.close().toPlainString());
            row.put("volume", k.volume().toPlainString());
            row.put("quote_volume", "0");
            row.put("trade_count", 0);
            try {
                rows.add(JSON.writeValueAsString(row));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        SERIES.put(series, new Planted(bars, openTimes, rows));
    }

    public static List<String> symbols(io.trapwatch.model.MarketType market, io.trapwatch.model.Interval interval) {
        return SERIES.keySet().stream().filter(k -> k.marketType() == market && k.interval() == interval)
                .map(SeriesKey::symbol).sorted().toList();
    }

    /** Query strings of the kline requests made for a symbol. */
    public static List<String> klineRequestsFor(String symbol) {
        return KLINE_REQUESTS.stream().filter(q -> q.contains("symbol=" + symbol + "&") || q.endsWith("symbol=" + symbol)).toList();
    }

    @Override
    public synchronized Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/market-data/klines", MarketDataStub::klines);
        server.createContext("/api/market-data/series", MarketDataStub::series);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        return Map.of("quarkus.rest-client.market-data.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void klines(HttpExchange ex) throws IOException {
        String raw = ex.getRequestURI().getRawQuery();
        KLINE_REQUESTS.add(raw == null ? "" : URLDecoder.decode(raw, StandardCharsets.UTF_8));
        if (FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            send(ex, failureStatus, Map.of("error", "failure planted by the test"));
            return;
        }
        Map<String, String> q = QueryString.parse(ex.getRequestURI().getRawQuery());
        SeriesKey key = SeriesKey.parse(q.get("market_type") + ":" + q.get("symbol") + ":" + q.get("interval"));
        Planted planted = SERIES.get(key);
        if (planted == null) {
            send(ex, 404, Map.of("error", "unknown symbol " + q.get("symbol")));
            return;
        }
        long start = q.containsKey("start") ? Instant.parse(q.get("start")).toEpochMilli() : Long.MIN_VALUE;
        long end = q.containsKey("end") ? Instant.parse(q.get("end")).toEpochMilli() : Long.MAX_VALUE;
        int limit = Math.min(1000, Integer.parseInt(q.getOrDefault("limit", "500")));
        int from = Arrays.binarySearch(planted.openTimes(), start);
        from = from >= 0 ? from : -from - 1;
        StringBuilder body = new StringBuilder(256 * limit).append("{\"market_type\":\"").append(key.marketType().wire())
                .append("\",\"symbol\":\"").append(key.symbol()).append("\",\"interval\":\"").append(key.interval().wire())
                .append("\",\"klines\":[");
        for (int i = from, n = 0; i < planted.openTimes().length && planted.openTimes()[i] <= end && n < limit; i++, n++) {
            body.append(n == 0 ? "" : ",").append(planted.rows().get(i));
        }
        send(ex, 200, body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void series(HttpExchange ex) throws IOException {
        Map<String, String> q = QueryString.parse(ex.getRequestURI().getRawQuery());
        List<Map<String, Object>> list = new ArrayList<>();
        SERIES.forEach((key, planted) -> {
            List<Kline> bars = planted.bars();
            if (key.marketType().wire().equals(q.get("market_type")) && key.interval().wire().equals(q.get("interval"))) {
                list.add(Map.of("symbol", key.symbol(), "bars", bars.size(),
                        "first_open_time", bars.get(0).openTime().toString(),
                        "last_open_time", bars.get(bars.size() - 1).openTime().toString()));
            }
        });
        send(ex, 200, Map.of("market_type", q.get("market_type"), "interval", q.get("interval"), "series", list));
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange ex, int status, byte[] bytes) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
