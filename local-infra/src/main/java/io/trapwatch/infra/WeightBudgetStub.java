package io.trapwatch.infra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Binance stand-in for the benchmarks: spot ({@code /spot/api/v3/…}) and USDT-M futures ({@code /futures/fapi/v1/…})
 * with N synthetic USDT instruments each, deterministic candles of any interval generated on the fly (no data set),
 * a fixed latency per call, and Binance's request-weight budget enforced per market and UTC minute: over budget →
 * 429 with Retry-After (seconds to the next minute), {@code X-MBX-USED-WEIGHT-1M} on every answer. Its clock is
 * set by the caller ({@link #advance}), so a benchmark decides when the next candle closes; {@link #plantTrap} turns
 * one candle into a volume trap (volume ×25, long upper wick) so the detectors fire on it.
 */
public final class WeightBudgetStub implements AutoCloseable {

    /**
     * Binance's published limits and weights (binance-docs.github.io: spot "Limits" and GET /api/v3/klines;
     * USDT-M futures "General Info / Limits" and GET /fapi/v1/klines): REQUEST_WEIGHT per minute and IP is 6,000 on
     * spot and 2,400 on futures; spot klines weigh 2 whatever the limit; futures klines weigh by limit
     * [1,100) 1, [100,500) 2, [500,1000] 5, above 1000 10 (default limit 500, largest 1500 on futures, 1000 on spot).
     */
    public enum Market {
        SPOT("/spot/api/v3/", 6_000, 1_000, 20, 4),
        FUTURES("/futures/fapi/v1/", 2_400, 1_500, 1, 2);

        private final String prefix;
        private final int budgetPerMinute;
        private final int maxKlineLimit;
        private final int exchangeInfoWeight;
        private final int tickerWeight;

        Market(String prefix, int budgetPerMinute, int maxKlineLimit, int exchangeInfoWeight, int tickerWeight) {
            this.prefix = prefix;
            this.budgetPerMinute = budgetPerMinute;
            this.maxKlineLimit = maxKlineLimit;
            this.exchangeInfoWeight = exchangeInfoWeight;
            this.tickerWeight = tickerWeight;
        }

        public int budgetPerMinute() {
            return budgetPerMinute;
        }

        public int maxKlineLimit() {
            return maxKlineLimit;
        }

        public int klinesWeight(int limit) {
            if (this == SPOT) {
                return 2;
            }
            return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
        }

        /** The instrument names: {@code S0000USDT…} on spot, {@code F0000USDT…} on futures. */
        public String symbol(int i) {
            return String.format("%s%04dUSDT", this == SPOT ? "S" : "F", i);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(64);
    private final Map<Market, Integer> instruments;
    private final long latencyMillis;
    private final AtomicLong serverTime;
    private final Map<Market, Budget> budgets = Map.of(Market.SPOT, new Budget(Market.SPOT), Market.FUTURES, new Budget(Market.FUTURES));
    private final Set<String> traps = ConcurrentHashMap.newKeySet();

    public WeightBudgetStub(int spotInstruments, int futuresInstruments, long latencyMillis, long serverTime) throws IOException {
        this.instruments = Map.of(Market.SPOT, spotInstruments, Market.FUTURES, futuresInstruments);
        this.latencyMillis = latencyMillis;
        this.serverTime = new AtomicLong(serverTime);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL of a market, as market-data-service's {@code binance.spot-url} / {@code binance.futures-url}. */
    public String url(Market market) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + (market == Market.SPOT ? "/spot" : "/futures");
    }

    public long serverTime() {
        return serverTime.get();
    }

    public void advance(long millis) {
        serverTime.addAndGet(millis);
    }

    /** The candle of {@code symbol} and {@code interval} (wire name, e.g. 1h) opening at {@code openTime} becomes a trap. */
    public void plantTrap(String symbol, String interval, long openTime) {
        traps.add(symbol + ":" + interval + ":" + openTime);
    }

    /** Calls answered, rejected (429) and the weight charged for the answered ones, per market, since the start. */
    public Budget budget(Market market) {
        return budgets.get(market);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            sleep(latencyMillis);
            String path = exchange.getRequestURI().getPath();
            Market market = path.startsWith(Market.SPOT.prefix) ? Market.SPOT : path.startsWith(Market.FUTURES.prefix) ? Market.FUTURES : null;
            if (market == null) {
                send(exchange, 404, "{}", Map.of(), 0);
                return;
            }
            String endpoint = path.substring(market.prefix.length());
            Map<String, String> query = QueryString.parse(exchange.getRequestURI().getRawQuery());
            int weight = switch (endpoint) {
                case "exchangeInfo" -> market.exchangeInfoWeight;
                case "ticker/price" -> market.tickerWeight;
                case "klines" -> market.klinesWeight(Integer.parseInt(query.getOrDefault("limit", "500")));
                default -> 1;
            };
            Budget budget = budgets.get(market);
            int used = budget.charge(weight);
            if (used < 0) {
                long wait = 60 - (System.currentTimeMillis() / 1000) % 60;
                send(exchange, 429, "{\"code\":-1003,\"msg\":\"Too many requests\"}", Map.of("Retry-After", String.valueOf(wait)), -used);
                return;
            }
            String body = switch (endpoint) {
                case "time" -> "{\"serverTime\":" + serverTime.get() + "}";
                case "exchangeInfo" -> exchangeInfo(market);
                case "klines" -> klines(query);
                default -> "[]";
            };
            send(exchange, 200, body, Map.of(), used);
        }
    }

    private String exchangeInfo(Market market) {
        StringBuilder sb = new StringBuilder("{\"timezone\":\"UTC\",\"serverTime\":").append(serverTime.get()).append(",\"symbols\":[");
        for (int i = 0; i < instruments.get(market); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"symbol\":\"").append(market.symbol(i)).append("\",\"status\":\"TRADING\",")
                    .append(market == Market.FUTURES ? "\"contractType\":\"PERPETUAL\"," : "")
                    .append("\"baseAsset\":\"").append(market.symbol(i), 0, 5).append("\",\"quoteAsset\":\"USDT\"}");
        }
        return sb.append("]}").toString();
    }

    /**
     * Candles opened at or before the server time (the forming one included), as Binance answers: from startTime
     * forwards, or without it the newest {@code limit} candles opened at or before endTime (default: now). Prices in
     * thousandths around 100 (range about 1 %), volume 1,000–1,976: cheap integer arithmetic, no parsing.
     */
    private String klines(Map<String, String> query) {
        String interval = query.getOrDefault("interval", "1h");
        long step = switch (interval) {
            case "1h" -> 3_600_000L;
            case "4h" -> 4 * 3_600_000L;
            case "1d" -> 24 * 3_600_000L;
            default -> throw new IllegalArgumentException("interval " + interval);
        };
        long formingOpen = Math.floorDiv(serverTime.get(), step) * step;
        long last = query.containsKey("endTime")
                ? Math.min(formingOpen, Math.floorDiv(Long.parseLong(query.get("endTime")), step) * step) : formingOpen;
        int limit = Integer.parseInt(query.getOrDefault("limit", "500"));
        long start = query.containsKey("startTime")
                ? Math.floorDiv(Long.parseLong(query.get("startTime")) + step - 1, step) * step : last - (limit - 1) * step;
        String symbol = query.getOrDefault("symbol", "");
        int seed = symbol.hashCode();
        StringBuilder sb = new StringBuilder(limit * 150).append('[');
        int n = 0;
        for (long open = start; open <= last && n < limit; open += step, n++) {
            long k = open / step + seed;
            long o = 100_000 + Math.floorMod(k * 7919, 1000);
            long c = 100_000 + Math.floorMod(k * 104729, 1000);
            long h = Math.max(o, c) + 300;
            long l = Math.min(o, c) - 300;
            long volume = 1000 + Math.floorMod(k, 977);
            if (traps.contains(symbol + ":" + interval + ":" + open)) {
                o = 100_500;
                h = 121_000;
                l = 99_500;
                c = 104_000;
                volume *= 25;
            }
            sb.append(n == 0 ? "" : ",").append('[').append(open).append(",\"");
            decimal(sb, o).append("\",\"");
            decimal(sb, h).append("\",\"");
            decimal(sb, l).append("\",\"");
            decimal(sb, c).append("\",\"").append(volume).append(".12345678\",").append(open + step - 1)
                    .append(",\"123456.78900000\",").append(Math.floorMod(k, 5000)).append(",\"500.00000000\",\"61728.39450000\",\"0\"]");
        }
        return sb.append(']').toString();
    }

    /** Thousandths as a decimal with Binance's eight places. */
    private static StringBuilder decimal(StringBuilder sb, long thousandths) {
        long fraction = thousandths % 1000;
        return sb.append(thousandths / 1000).append('.').append(fraction < 100 ? (fraction < 10 ? "00" : "0") : "").append(fraction).append("00000");
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
        executor.shutdownNow();
    }

    /** One market's weight window (the current UTC minute, as Binance counts it) and its totals. */
    public static final class Budget {

        private final Market market;
        private long minute;
        private int used;
        private long calls;
        private long rejected;
        private long weight;

        private Budget(Market market) {
            this.market = market;
        }

        /** Returns the minute's weight after this call, or minus it when the call does not fit. */
        private synchronized int charge(int cost) {
            long now = System.currentTimeMillis() / 60_000;
            if (now != minute) {
                minute = now;
                used = 0;
            }
            if (used + cost > market.budgetPerMinute) {
                rejected++;
                return -used;
            }
            used += cost;
            calls++;
            weight += cost;
            return used;
        }

        public synchronized long calls() {
            return calls;
        }

        public synchronized long rejected() {
            return rejected;
        }

        public synchronized long weight() {
            return weight;
        }
    }
}
