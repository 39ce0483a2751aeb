package io.trapwatch.marketdata.support;

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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * Binance over real HTTP, answering from recorded real responses in {@code src/test/resources/binance}
 * ({@code /spot/api/v3/...}, {@code /futures/fapi/v1/...}). Like Binance, klines include the still-forming
 * candle at the stub's server time. Tests script faults per endpoint and symbol and read the request log.
 */
public final class BinanceStub {

    public record Request(String market, String endpoint, Map<String, String> query) {
        public String symbol() {
            return query.get("symbol");
        }
    }

    /** A scripted answer replacing the normal one (status/headers/body), or altering it (delay, body rewrite). */
    public record Fault(int status, Map<String, String> headers, String body, long delayMillis, UnaryOperator<String> rewrite) {
        public static Fault status(int status, Map<String, String> headers) {
            return new Fault(status, headers, "{\"code\":-1,\"msg\":\"scripted " + status + "\"}", 0, null);
        }

        public static Fault delay(long millis) {
            return new Fault(0, Map.of(), null, millis, null);
        }

        public static Fault rewrite(UnaryOperator<String> rewrite) {
            return new Fault(0, Map.of(), null, 0, rewrite);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static BinanceStub instance;

    private final HttpServer server;
    private final Map<String, List<JsonNode>> klineFiles = new ConcurrentHashMap<>();
    private final Map<String, String> exchangeInfo = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile long serverTime;

    private BinanceStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        reset();
    }

    public static synchronized BinanceStub get() {
        if (instance == null) {
            try {
                instance = new BinanceStub();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Back to the recorded answers: no faults, no log, exchangeInfo from the fixtures, clock at 2021-07-01T02:00Z. */
    public void reset() {
        faults.clear();
        requests.clear();
        exchangeInfo.put("spot", resource("/binance/spot/exchangeInfo.json"));
        exchangeInfo.put("futures", resource("/binance/futures/exchangeInfo.json"));
        serverTime = java.time.Instant.parse("2021-07-01T02:00:00Z").toEpochMilli();
    }

    public void serverTime(long millis) {
        serverTime = millis;
    }

    public long serverTime() {
        return serverTime;
    }

    public void exchangeInfo(String market, String body) {
        exchangeInfo.put(market, body);
    }

    /** Scripts the next answers of {@code market endpoint [symbol]}, e.g. {@code fault("spot", "klines", "BTCUSDT", ...)}. */
    public void fault(String market, String endpoint, String symbol, Fault... next) {
        Deque<Fault> queue = faults.computeIfAbsent(key(market, endpoint, symbol), k -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addAll(List.of(next));
        }
    }

    public List<Request> requests(String market, String endpoint) {
        return requests.stream().filter(r -> r.market.equals(market) && r.endpoint.equals(endpoint)).toList();
    }

    /** The recorded rows of a kline fixture. */
    public List<JsonNode> rows(String market, String symbol, String interval) {
        return klineFiles.computeIfAbsent(market + "/" + symbol + "-" + interval, this::loadKlines);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.split("/", 4); // "", market, api, version/endpoint...
            String market = parts.length > 1 ? parts[1] : "";
            String endpoint = path.replaceFirst("^/(spot/api/v3|futures/fapi/v1)/", "");
            Map<String, String> query = QueryString.parse(exchange.getRequestURI().getRawQuery());
            requests.add(new Request(market, endpoint, query));
            Fault fault = nextFault(market, endpoint, query.get("symbol"));
            if (fault != null && fault.delayMillis > 0) {
                sleep(fault.delayMillis);
            }
            if (fault != null && fault.status > 0) {
                send(exchange, fault.status, fault.body, fault.headers);
                return;
            }
            String body;
            int status = 200;
            switch (endpoint) {
                case "time" -> body = "{\"serverTime\":" + serverTime + "}";
                case "exchangeInfo" -> body = exchangeInfo.get(market);
                case "ticker/price" -> body = "[{\"symbol\":\"BTCUSDT\",\"price\":\"35000.01000000\"},{\"symbol\":\"ETHUSDT\",\"price\":\"2100.5\"}]";
                case "klines" -> {
                    List<JsonNode> rows = rows(market, query.get("symbol"), query.get("interval"));
                    if (rows == null) {
                        status = 400;
                        body = "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}";
                    } else {
                        body = select(rows, query);
                    }
                }
                default -> {
                    status = 404;
                    body = "{}";
                }
            }
            if (fault != null && fault.rewrite != null) {
                body = fault.rewrite.apply(body);
            }
            send(exchange, status, body, Map.of("X-MBX-USED-WEIGHT-1M", "7"));
        }
    }

    private String select(List<JsonNode> rows, Map<String, String> query) {
        Long start = query.containsKey("startTime") ? Long.parseLong(query.get("startTime")) : null;
        Long end = query.containsKey("endTime") ? Long.parseLong(query.get("endTime")) : null;
        int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : 500;
        List<JsonNode> visible = new ArrayList<>();
        for (JsonNode row : rows) {
            long open = row.get(0).asLong();
            // Binance answers every candle opened by its clock, the still-forming one included.
            if (open <= serverTime && (start == null || open >= start) && (end == null || open <= end)) {
                visible.add(row);
            }
        }
        List<JsonNode> page = start != null ? visible.subList(0, Math.min(limit, visible.size()))
                : visible.subList(Math.max(0, visible.size() - limit), visible.size());
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < page.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(page.get(i).toString());
        }
        return sb.append("]").toString();
    }

    private Fault nextFault(String market, String endpoint, String symbol) {
        for (String key : new String[]{key(market, endpoint, symbol), key(market, endpoint, null)}) {
            Deque<Fault> queue = faults.get(key);
            if (queue != null) {
                synchronized (queue) {
                    if (!queue.isEmpty()) {
                        return queue.poll();
                    }
                }
            }
        }
        return null;
    }

    private static String key(String market, String endpoint, String symbol) {
        return market + " " + endpoint + " " + (symbol == null ? "*" : symbol);
    }

    private List<JsonNode> loadKlines(String name) {
        try (InputStream in = BinanceStub.class.getResourceAsStream("/binance/" + name.replace("/", "/klines/") + ".json")) {
            if (in == null) {
                return null;
            }
            List<JsonNode> rows = new ArrayList<>();
            MAPPER.readTree(in).forEach(rows::add);
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String resource(String path) {
        try (InputStream in = BinanceStub.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        new HashMap<>(headers).forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException ignored) {
            // the client gave up (timeout test); nothing to do
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
