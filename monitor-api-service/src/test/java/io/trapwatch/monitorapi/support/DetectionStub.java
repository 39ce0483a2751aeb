package io.trapwatch.monitorapi.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trapwatch.infra.QueryString;
import io.trapwatch.infra.TestTokens;
import io.trapwatch.model.outcome.Trade;
import io.trapwatch.model.outcome.TradeStatistics;
import io.trapwatch.service.rest.BadParameterBody;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for detection-service's {@code /api/detection/sweeps} over real HTTP, in its contract: the operator token
 * on POST and DELETE (401 without), 400 bodies naming the field (service-support's {@link BadParameterBody}), 404 for
 * an unknown sweep, a sweep that advances one step per read (series read, then half the combinations at a time) and
 * ends with ranked results (best invalidation-stop profit factor first) whose statistics come from the shared
 * {@link TradeStatistics}. Combination n (grid order, the last setting varying fastest) wins n + 1 trades of +4 % and
 * loses 2 of −3 % on the invalidation stop (profit factor (n + 1) × 4 / 6), and wins n + 1 of +2 % against 3 losses of
 * −2 % when held; with a training split the later part has 1 win of +4 % and n + 1 losses of −1 %. It can fail on
 * purpose: the next answers with a status, late, or down altogether (its port refuses connections), and it records
 * every request.
 */
public final class DetectionStub {

    public static final List<String> SETTINGS = List.of("rvol_threshold", "rvol_lookback", "amplitude_threshold",
            "amplitude_lookback", "upper_shadow_threshold", "volume_retention_threshold", "pe_multiplier",
            "pe_historical_period", "atr_compression_threshold", "atr_period", "confirmation_min_bars",
            "confirmation_max_bars", "validation_window", "validation_max_bars");
    private static final String PATH = "/api/detection/sweeps";

    /** A request as it arrived. */
    public record Received(String method, String path, String query, String authorization, String body) {
    }

    private final Map<String, Sweep> sweeps = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Integer> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> delays = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger port = new AtomicInteger();
    private volatile boolean paused;
    private HttpServer server;

    public DetectionStub() {
        up();
    }

    public String url() {
        return "http://127.0.0.1:" + port.get();
    }

    public List<Received> received() {
        return received;
    }

    /** The next {@code count} requests are answered with {@code status} and a JSON error body. */
    public void failNext(int count, int status) {
        for (int i = 0; i < count; i++) {
            failures.add(status);
        }
    }

    /** The next {@code count} requests are answered only after {@code millis} (a hung detection-service). */
    public void slowNext(int count, long millis) {
        for (int i = 0; i < count; i++) {
            delays.add(millis);
        }
    }

    /** Every answer from now on is {@code status}, until {@link #heal()}. */
    public void failAll(int status) {
        failNext(1_000_000, status);
    }

    public void heal() {
        failures.clear();
        delays.clear();
    }

    /** While paused, running sweeps read their series but run no combination (a test can look at a running sweep). */
    public void pause(boolean pause) {
        paused = pause;
    }

    /** Stops listening: connections to its port are refused. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again, on the same port. */
    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port.get()), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port.set(server.getAddress().getPort());
        server.createContext(PATH, this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        received.add(new Received(method, path, exchange.getRequestURI().getRawQuery(), authorization, body));
        Long delay = delays.isEmpty() ? null : delays.remove(0);
        if (delay != null) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Integer failure = failures.isEmpty() ? null : failures.remove(0);
        if (failure != null) {
            reply(exchange, failure, "{\"error\":\"stand-in failure\",\"detail\":\"answered " + failure + " on purpose\"}");
            return;
        }
        boolean write = !method.equals("GET");
        if (write && !("Bearer " + TestTokens.OPERATOR).equals(authorization)) {
            reply(exchange, 401, "{\"error\":\"unauthorized\",\"detail\":\"send 'Authorization: Bearer <token>'\"}");
            return;
        }
        String id = path.length() > PATH.length() + 1 ? path.substring(PATH.length() + 1) : null;
        switch (method) {
            case "POST" -> start(exchange, body);
            case "GET" -> {
                String top = QueryString.parse(exchange.getRequestURI().getRawQuery()).get("top");
                if (top != null && !top.matches("[1-9][0-9]{0,4}")) {
                    bad(exchange, "top", "top must be an integer from 1 to 10000", "an integer from 1 to 10000", top);
                    return;
                }
                withSweep(exchange, id, sweep -> {
                    sweep.advance(paused);
                    return sweep.view(top == null ? 100 : Integer.parseInt(top));
                });
            }
            case "DELETE" -> withSweep(exchange, id, sweep -> {
                sweep.cancel();
                return sweep.view(0);
            });
            default -> reply(exchange, 405, "{\"error\":\"method not allowed\"}");
        }
    }

    private void start(HttpExchange exchange, String body) throws IOException {
        JsonNode request;
        try {
            request = Events.WIRE.readTree(body.isBlank() ? "null" : body);
        } catch (JsonProcessingException e) {
            bad(exchange, "body", "request body is not a valid sweep request", "a JSON object", null);
            return;
        }
        if (request == null || !request.isObject()) {
            bad(exchange, "body", "request body is required", "a JSON object with a grid", null);
            return;
        }
        String market = request.path("market_type").asText("all");
        if (!List.of("spot", "futures", "all").contains(market)) {
            bad(exchange, "market_type", "market_type must be one of: [spot, futures, all]", "spot, futures, all", market);
            return;
        }
        JsonNode grid = request.path("grid");
        if (!grid.isObject() || grid.isEmpty()) {
            bad(exchange, "grid", "grid must map at least one setting to a list of values", String.join(", ", SETTINGS), grid.toString());
            return;
        }
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : grid.properties()) {
            String field = "grid." + e.getKey();
            if (!SETTINGS.contains(e.getKey())) {
                bad(exchange, field, "unknown setting " + e.getKey(), String.join(", ", SETTINGS), e.getKey());
                return;
            }
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                bad(exchange, field, field + " must be a non-empty list of numbers", "a non-empty list of numbers", e.getValue().toString());
                return;
            }
            List<Double> list = new ArrayList<>();
            for (JsonNode v : e.getValue()) {
                if (!v.isNumber()) {
                    bad(exchange, field, field + " must hold numbers only, got " + v.asText(), "a non-empty list of numbers", v.asText());
                    return;
                }
                list.add(v.asDouble());
            }
            values.put(e.getKey(), list);
        }
        Sweep sweep = new Sweep(UUID.randomUUID().toString(), request, market, values);
        sweeps.put(sweep.id, sweep);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", sweep.id);
        answer.put("status", "running");
        answer.put("location", PATH + "/" + sweep.id);
        exchange.getResponseHeaders().set("Location", PATH + "/" + sweep.id);
        reply(exchange, 202, Events.json(answer));
    }

    private interface SweepAnswer {
        Map<String, Object> apply(Sweep sweep);
    }

    private void withSweep(HttpExchange exchange, String id, SweepAnswer answer) throws IOException {
        try {
            UUID.fromString(id == null ? "" : id);
        } catch (IllegalArgumentException e) {
            bad(exchange, "id", "id is not a sweep id", "a sweep id returned by POST /api/detection/sweeps", id);
            return;
        }
        Sweep sweep = sweeps.get(id);
        if (sweep == null) {
            reply(exchange, 404, "{\"error\":\"no sweep with id " + id + "\"}");
            return;
        }
        Map<String, Object> view;
        synchronized (sweep) {
            view = answer.apply(sweep);
        }
        reply(exchange, 200, Events.json(view));
    }

    private static void bad(HttpExchange exchange, String parameter, String detail, String allowed, Object received) throws IOException {
        reply(exchange, 400, Events.json(new BadParameterBody("Invalid " + parameter + " parameter", parameter, detail,
                List.of(allowed), received, Map.of())));
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(status, bytes.length);
            out.write(bytes);
        } catch (IOException e) {
            // the caller gave up (read timeout) before the slow answer was written
        }
    }

    /** One sweep: its request echo, progress and (once done) ranked results. */
    private static final class Sweep {
        private static final int SERIES = 4;
        final String id;
        final Map<String, Object> request = new LinkedHashMap<>();
        final List<Map<String, Double>> combinations = new ArrayList<>();
        final boolean split;
        final Instant createdAt = Instant.now();
        String status = "running";
        int seriesRead;
        int combinationsDone;
        Instant finishedAt;

        Sweep(String id, JsonNode body, String market, Map<String, List<Double>> grid) {
            this.id = id;
            split = body.hasNonNull("train_until") || body.hasNonNull("train_fraction");
            String interval = body.path("interval").asText("all");
            request.put("market_types", market.equals("all") ? List.of("spot", "futures") : List.of(market));
            request.put("intervals", interval.equals("all") ? List.of("1h", "4h", "1d") : List.of(interval));
            request.put("start", null);
            request.put("end", null);
            request.put("symbols", null);
            request.put("observation_bars", body.path("observation_bars").asInt(30));
            request.put("rank_by", body.path("rank_by").asText("invalidation_stop.profit_factor"));
            request.put("train_until", body.hasNonNull("train_until") ? body.get("train_until").asText() : null);
            request.put("train_fraction", body.hasNonNull("train_fraction") ? body.get("train_fraction").asDouble() : null);
            List<Map<String, Double>> product = List.of(new LinkedHashMap<>());
            for (Map.Entry<String, List<Double>> e : grid.entrySet()) {
                List<Map<String, Double>> next = new ArrayList<>();
                for (Map<String, Double> partial : product) {
                    for (Double v : e.getValue()) {
                        Map<String, Double> c = new LinkedHashMap<>(partial);
                        c.put(e.getKey(), v);
                        next.add(c);
                    }
                }
                product = next;
            }
            combinations.addAll(product);
            request.put("combinations", combinations.size());
        }

        /** One step per read: every series at once, then (unless paused) half the combinations at a time. */
        void advance(boolean paused) {
            if (!status.equals("running")) {
                return;
            }
            if (seriesRead < SERIES) {
                seriesRead = SERIES;
                return;
            }
            if (paused) {
                return;
            }
            combinationsDone = Math.min(combinations.size(), combinationsDone + Math.max(1, (combinations.size() + 1) / 2));
            if (combinationsDone == combinations.size()) {
                status = "done";
                finishedAt = Instant.now();
            }
        }

        void cancel() {
            if (status.equals("running")) {
                status = "cancelled";
                finishedAt = Instant.now();
            }
        }

        Map<String, Object> view(int top) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("status", status);
            body.put("request", request);
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("series_read", seriesRead);
            progress.put("series_total", SERIES);
            progress.put("bars_read", seriesRead * 300L);
            progress.put("combinations_done", combinationsDone);
            progress.put("combinations_total", combinations.size());
            body.put("progress", progress);
            body.put("failed", List.of());
            List<Map<String, Object>> results = status.equals("done") ? ranked() : List.of();
            body.put("results", results.subList(0, Math.min(top, results.size())));
            body.put("error", null);
            body.put("read_ms", seriesRead == SERIES ? 120 : 0);
            body.put("run_ms", status.equals("done") ? 340 : 0);
            body.put("created_at", createdAt.toString());
            body.put("finished_at", finishedAt == null ? null : finishedAt.toString());
            return body;
        }

        private List<Map<String, Object>> ranked() {
            List<Map<String, Object>> out = new ArrayList<>();
            for (int n = 0; n < combinations.size(); n++) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("rank", 0);
                r.put("combination", n);
                r.put("settings", combinations.get(n));
                r.put("statistics", part(n + 1, 4, 2, -3, 3, -2, n));
                r.put("out_of_sample", split ? part(1, 4, n + 1, -1, 1, -1, n) : null);
                out.add(r);
            }
            out.sort(Comparator.comparing((Map<String, Object> r) -> ((Map<?, ?>) r.get("statistics")).get("invalidation_stop"),
                    Comparator.comparing(s -> ((TradeStatistics) s).profitFactor(), Comparator.nullsLast(Comparator.reverseOrder()))));
            for (int i = 0; i < out.size(); i++) {
                out.get(i).put("rank", i + 1);
            }
            return out;
        }

        /** Monitors by status and both exits' statistics of wins × +winPct and losses × lossPct (stop), holdLosses × −2 (hold). */
        private static Map<String, Object> part(int wins, int winPct, int losses, int lossPct, int holdLosses, int holdLossPct, int n) {
            Map<String, Integer> byStatus = new LinkedHashMap<>();
            byStatus.put("pending", n);
            byStatus.put("suspected_abandonment", 1);
            byStatus.put("confirmed_abandonment", n % 2);
            byStatus.put("invalidated", losses);
            byStatus.put("expired", wins);
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("monitors", byStatus.values().stream().mapToInt(Integer::intValue).sum());
            part.put("monitors_by_status", byStatus);
            part.put("completed_outcomes", wins + losses);
            part.put("hold", TradeStatistics.of(trades(wins, winPct / 2, holdLosses, holdLossPct)));
            part.put("invalidation_stop", TradeStatistics.of(trades(wins, winPct, losses, lossPct)));
            return part;
        }

        private static List<Trade> trades(int wins, int winPct, int losses, int lossPct) {
            List<Trade> trades = new ArrayList<>();
            for (int i = 0; i < wins + losses; i++) {
                BigDecimal profit = BigDecimal.valueOf(i < wins ? winPct : lossPct);
                trades.add(new Trade(profit, BigDecimal.valueOf(6), BigDecimal.valueOf(3), 4));
            }
            return trades;
        }
    }
}
