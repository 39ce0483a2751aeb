package io.trapwatch.monitorapi.bench;

import com.sun.net.httpserver.HttpServer;
import io.trapwatch.infra.KafkaBroker;
import io.trapwatch.infra.PostgresServer;
import io.trapwatch.infra.ServiceProcess;
import io.trapwatch.infra.TestTokens;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.model.Topics;
import io.trapwatch.monitorapi.support.Events;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Alert benchmark (not a test). Two runs of the packaged service, each on a fresh database and broker: without
 * subscriptions, and with {@code bench.subscriptions} (10,000) of mixed filters delivering to a local webhook
 * receiver. Each run: (1) a burst of {@code bench.burst} (500) transitions — time until all are projected and, with
 * subscriptions, until every matching delivery has reached the receiver (the expected set is computed here from the
 * filters, independently of the service's SQL); (2) {@code bench.events} (10,000) events as fast as the producer
 * goes — projection throughput while the deliveries they cause are being sent. Run: see the README.
 */
public final class AlertBenchmark {

    private static final int SUBSCRIPTIONS = Integer.getInteger("bench.subscriptions", 10_000);
    private static final int BURST = Integer.getInteger("bench.burst", 500);
    private static final int EVENTS = Integer.getInteger("bench.events", 10_000);
    private static final int SYMBOL_UNIVERSE = 500;
    private static final int URLS = 200;
    private static final String SECRET = "benchmark-secret-000001";
    private static final List<String> DEFAULT_STATUSES = List.of("pending", "suspected_abandonment", "confirmed_abandonment");
    private static final BigDecimal[] FLOORS = {BigDecimal.ZERO, new BigDecimal("1000000"), new BigDecimal("10000000"),
            new BigDecimal("50000000")};

    /** A subscription's filters as the benchmark generated them; null symbols = all. */
    record Filter(Set<String> markets, Set<String> intervals, Set<String> symbols, Set<String> statuses, BigDecimal floor) {
        boolean matches(MonitorStateChanged e, MonitorStateChanged.Transition t) {
            return markets.contains(e.marketType().wire()) && intervals.contains(e.interval().wire())
                    && (symbols == null || symbols.contains(e.symbol())) && statuses.contains(t.to().wire())
                    && e.triggerVolume().multiply(e.triggerPrice()).compareTo(floor) >= 0;
        }
    }

    private AlertBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Random random = new Random(42);
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            filters.add(filter(random, i));
        }
        List<Events.Monitor> burst = monitors(random, "B", BURST / 3 + (BURST % 3 == 0 ? 0 : 1));
        List<MonitorStateChanged> burstEvents = transitions(burst, BURST);
        List<Events.Monitor> stream = monitors(random, "S", EVENTS / 2);
        List<MonitorStateChanged> streamEvents = transitions(stream, EVENTS);
        long expected = 0;
        for (MonitorStateChanged e : burstEvents) {
            for (Filter f : filters) {
                expected += f.matches(e, e.latest()) ? 1 : 0;
            }
        }
        System.out.printf("%d subscriptions, burst of %d transitions (%d matching deliveries), stream of %d events%n",
                SUBSCRIPTIONS, burstEvents.size(), expected, streamEvents.size());
        Result without = run("without", List.of(), burstEvents, streamEvents, 0);
        Result with = run("with", filters, burstEvents, streamEvents, expected);
        System.out.printf("%nRESULT burst of %d transitions: projected in %d ms without subscriptions, %d ms with %d;"
                        + " all %d matching deliveries at the receiver after %d ms (%d received, %d duplicates)%n",
                burstEvents.size(), without.burstProjectedMs, with.burstProjectedMs, SUBSCRIPTIONS, expected,
                with.burstDeliveredMs, with.received, with.received - with.distinct);
        System.out.printf("RESULT projection of %d events: %.0f events/s without subscriptions, %.0f events/s with %d"
                        + " (%+.1f %%)%n", streamEvents.size(), without.streamRate, with.streamRate, SUBSCRIPTIONS,
                (with.streamRate / without.streamRate - 1) * 100);
        // The in-JVM broker keeps non-daemon threads that the exec plugin would wait for forever.
        System.exit(0);
    }

    record Result(long burstProjectedMs, long burstDeliveredMs, long received, long distinct, double streamRate) {
    }

    private static Result run(String name, List<Filter> filters, List<MonitorStateChanged> burst,
                              List<MonitorStateChanged> stream, long expected) throws Exception {
        Path work = Files.createDirectories(Path.of("target", "alert-bench"));
        Map<String, Boolean> seen = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            seen.put(exchange.getRequestHeaders().getFirst("Idempotency-Key"), Boolean.TRUE);
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (PostgresServer pg = PostgresServer.start(work.resolve("pg-" + name), 0, false);
             KafkaBroker kafka = KafkaBroker.start(4, work);
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all"))) {
            pg.createDatabase("bench");
            ServiceProcess service = new ServiceProcess("monitor-api-service-alerts-" + name,
                    ServiceProcess.moduleDir("monitor-api-service"), List.of(), Map.of(
                    "TRAPWATCH_JDBC_URL", pg.jdbcUrl("bench"), "TRAPWATCH_JDBC_USER", pg.username(),
                    "TRAPWATCH_JDBC_PASSWORD", pg.password(), "TRAPWATCH_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                    "TRAPWATCH_ALERTS_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                    "TRAPWATCH_API_TOKEN", TestTokens.OPERATOR,
                    // one client creating 10,000 subscriptions: lift the per-client budget for the set-up
                    "TRAPWATCH_RATE_LIMIT_PER_SECOND", "1000000", "TRAPWATCH_RATE_LIMIT_BURST", "1000000"), work);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    service.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            try (Connection db = DriverManager.getConnection(pg.jdbcUrl("bench"), pg.username(), pg.password())) {
                service.start();
                String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/";
                subscribe(service.baseUrl(), hook, filters);
                // Warm-up: the consumer has joined its group and the topic exists before anything is timed.
                Events.Monitor warm = new Events.Monitor(MarketType.SPOT, "WARMUPUSDT", Interval.H1, Instant.parse("2020-01-01T00:00:00Z"), "1");
                send(producer, List.of(warm.version(1)));
                awaitTransitions(db, 1);

                long t0 = System.nanoTime();
                send(producer, burst);
                awaitTransitions(db, 1 + burst.size());
                long projected = (System.nanoTime() - t0) / 1_000_000;
                while (seen.size() < expected) {
                    Thread.sleep(20);
                }
                long delivered = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("[%s] burst: projected after %d ms, %d/%d deliveries after %d ms%n", name, projected,
                        seen.size(), expected, delivered);
                long receivedAfterBurst = received.get();
                long distinctAfterBurst = seen.size();

                long t1 = System.nanoTime();
                send(producer, stream);
                awaitTransitions(db, 1 + burst.size() + stream.size());
                double seconds = (System.nanoTime() - t1) / 1e9;
                System.out.printf("[%s] stream: %d events projected in %.2f s = %.0f events/s (%d deliveries received meanwhile)%n",
                        name, stream.size(), seconds, stream.size() / seconds, received.get() - receivedAfterBurst);
                return new Result(projected, delivered, receivedAfterBurst, distinctAfterBurst, stream.size() / seconds);
            } finally {
                service.stop();
            }
        } finally {
            receiver.stop(0);
        }
    }

    /** 95 % follow 1–5 symbols, 4.9 % a market and interval for confirmed abandonment above a floor, 0.1 % everything. */
    private static Filter filter(Random random, int i) {
        Set<String> markets = pick(random, MarketType.wireNames());
        Set<String> intervals = pick(random, Interval.wireNames());
        if (i % 1000 == 0) {
            return new Filter(Set.copyOf(MarketType.wireNames()), Set.copyOf(Interval.wireNames()), null, Set.copyOf(DEFAULT_STATUSES), BigDecimal.ZERO);
        }
        if (i % 20 == 1) {
            return new Filter(Set.of(MarketType.wireNames().get(random.nextInt(2))), Set.of(Interval.wireNames().get(random.nextInt(3))),
                    null, Set.of("confirmed_abandonment"), FLOORS[random.nextInt(FLOORS.length)]);
        }
        Set<String> symbols = new java.util.HashSet<>();
        int n = 1 + random.nextInt(5);
        while (symbols.size() < n) {
            symbols.add(symbol(random.nextInt(SYMBOL_UNIVERSE)));
        }
        return new Filter(markets, intervals, symbols, pick(random, DEFAULT_STATUSES), FLOORS[random.nextInt(FLOORS.length)]);
    }

    private static Set<String> pick(Random random, List<String> values) {
        Set<String> out = values.stream().filter(v -> random.nextBoolean()).collect(Collectors.toSet());
        return out.isEmpty() ? Set.of(values.get(random.nextInt(values.size()))) : out;
    }

    private static String symbol(int i) {
        return "S" + i + "USDT";
    }

    /** Monitors on random symbols of the universe, trigger prices 0.01–20 (quote volume 0.12–247 million). */
    private static List<Events.Monitor> monitors(Random random, String tag, int count) {
        List<Events.Monitor> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MarketType market = MarketType.values()[random.nextInt(2)];
            Interval interval = Interval.values()[random.nextInt(3)];
            String price = BigDecimal.valueOf(1 + random.nextInt(2000)).movePointLeft(2).setScale(8).toPlainString();
            Instant trigger = Instant.parse(tag.equals("B") ? "2025-01-01T00:00:00Z" : "2024-01-01T00:00:00Z").plus(Duration.ofHours(i));
            out.add(new Events.Monitor(market, symbol(random.nextInt(SYMBOL_UNIVERSE)), interval, trigger, price)
                    .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 3, new BigDecimal(price).multiply(new BigDecimal("0.9")),
                            Events.confirmationSnapshot())
                    .step(MonitorStatus.CONFIRMED_ABANDONMENT, "validation", 5, new BigDecimal(price).multiply(new BigDecimal("0.8")),
                            Events.validationSnapshot()));
        }
        return out;
    }

    /** Versions 1, 2, 3 of each monitor in turn (one event per transition) until {@code count} events. */
    private static List<MonitorStateChanged> transitions(List<Events.Monitor> monitors, int count) {
        List<MonitorStateChanged> out = new ArrayList<>();
        for (int version = 1; version <= 3 && out.size() < count; version++) {
            for (Events.Monitor m : monitors) {
                if (out.size() < count) {
                    out.add(m.version(version));
                }
            }
        }
        return out;
    }

    private static void subscribe(String base, String hook, List<Filter> filters) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            Filter f = filters.get(i);
            String body = "{\"channel\":{\"type\":\"webhook\",\"url\":\"" + hook + (i % URLS) + "\",\"secret\":\"" + SECRET + "\"},"
                    + "\"market_types\":" + json(f.markets()) + ",\"intervals\":" + json(f.intervals())
                    + (f.symbols() == null ? "" : ",\"symbols\":" + json(f.symbols())) + ",\"statuses\":" + json(f.statuses())
                    + ",\"min_trigger_quote_volume\":\"" + f.floor().toPlainString() + "\"}";
            done.add(pool.submit(() -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/volume-trap/subscriptions"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestTokens.OPERATOR).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("subscription refused: " + r.body());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private static String json(Set<String> values) {
        return values.stream().sorted().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static void send(KafkaProducer<String, String> producer, List<MonitorStateChanged> events) throws Exception {
        List<Future<?>> acks = new ArrayList<>();
        for (MonitorStateChanged e : events) {
            acks.add(producer.send(new ProducerRecord<>(Topics.MONITOR_STATE_CHANGED, e.series().asKafkaKey(), Events.json(e))));
        }
        for (Future<?> ack : acks) {
            ack.get();
        }
    }

    private static void awaitTransitions(Connection db, long count) throws Exception {
        while (true) {
            try (Statement s = db.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM monitor_api.monitor_transition")) {
                rs.next();
                if (rs.getLong(1) >= count) {
                    return;
                }
            }
            Thread.sleep(10);
        }
    }
}
