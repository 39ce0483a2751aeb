package io.trapwatch.monitorapi.bench;

import com.sun.net.httpserver.HttpServer;
import io.trapwatch.infra.KafkaBroker;
import io.trapwatch.infra.PostgresServer;
import io.trapwatch.infra.ProcessCpu;
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

import java.io.IOException;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Alert benchmark (not a test). One run of the packaged service on a fresh database and broker, with
 * {@code bench.subscriptions} (10,000) subscriptions of mixed filters delivering to a local webhook receiver:
 * <ol>
 * <li>a burst of {@code bench.burst} (500) transitions: time until all are projected and until every matching
 * delivery has reached the receiver (the expected set is computed here from the filters, independently of the
 * service's SQL);</li>
 * <li>projection throughput with and without deliveries, as alternating streams of {@code bench.events} (10,000)
 * events in the same service, {@code bench.rounds} (5) of each, in the order AB BA AB…: the service, its JIT and the
 * machine's state are then the same for both variants, which separate runs of a fresh service each could not give
 * (their "without" figures alone differed by a third). "With": the subscriptions are enabled and the sender is
 * working through the deliveries of a load of {@code bench.load} (500) transitions sent just before the stream;
 * "without": the subscriptions are disabled (the benchmark's switch, in SQL), the same load is sent and matches
 * nobody, so the sender has nothing to do.</li>
 * </ol>
 * Run: see the README.
 */
public final class AlertBenchmark {

    private static final int SUBSCRIPTIONS = Integer.getInteger("bench.subscriptions", 10_000);
    private static final int BURST = Integer.getInteger("bench.burst", 500);
    private static final int EVENTS = Integer.getInteger("bench.events", 10_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int LOAD = Integer.getInteger("bench.load", 500);
    /** Time for the sender to fan the load out and reach its sending pace before the stream starts. */
    private static final Duration SETTLE = Duration.ofSeconds(3);
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

    /**
     * One timed stream: whether deliveries were on, its projection rate, the deliveries received meanwhile and the CPU
     * seconds of the service, PostgreSQL and this JVM (broker, producer and receiver) over it.
     */
    record Stream(boolean withDeliveries, double eventsPerSecond, long deliveriesMeanwhile, double[] cpu) {
    }

    /** CPU seconds so far of the service, PostgreSQL and this JVM. */
    private static double[] cpu(ServiceProcess service) throws IOException {
        return new double[]{ProcessCpu.seconds(service.pid()), ProcessCpu.postgresSeconds(),
                ProcessCpu.seconds(ProcessHandle.current().pid())};
    }

    private AlertBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Random random = new Random(42);
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            filters.add(filter(random, i));
        }
        Instant eventTimes = Instant.parse("2020-01-01T00:00:00Z");
        List<MonitorStateChanged> burst = transitions(monitors(random, eventTimes, BURST / 3 + (BURST % 3 == 0 ? 0 : 1)), BURST);
        // Warm-up before anything is timed: the consumer has joined its group and the topic exists.
        MonitorStateChanged warmUp = new Events.Monitor(MarketType.SPOT, "WARMUPUSDT", Interval.H1,
                eventTimes.minus(Duration.ofDays(1)), "1").version(1);
        long expected = 0;
        for (MonitorStateChanged e : concat(List.of(warmUp), burst)) {
            for (Filter f : filters) {
                expected += f.matches(e, e.latest()) ? 1 : 0;
            }
        }
        System.out.printf("%d subscriptions, burst of %d transitions (%d matching deliveries, the warm-up event's included), %d + %d streams of %d events%n",
                SUBSCRIPTIONS, burst.size(), expected, ROUNDS, ROUNDS, EVENTS);

        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "alert-bench-");
        try (Receiver receiver = Receiver.start();
             PostgresServer pg = PostgresServer.start(work.resolve("pg"), 0, false);
             KafkaBroker kafka = KafkaBroker.start(4, work);
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all"))) {
            pg.createDatabase("bench");
            ServiceProcess service = service(pg, kafka, work);
            try (Connection db = DriverManager.getConnection(pg.jdbcUrl("bench"), pg.username(), pg.password())) {
                service.start();
                subscribe(service.baseUrl(), receiver.url(), filters);
                long projected = send(producer, List.of(warmUp));
                awaitTransitions(db, projected);

                long t0 = System.nanoTime();
                projected += send(producer, burst);
                awaitTransitions(db, projected);
                long burstProjectedMs = (System.nanoTime() - t0) / 1_000_000;
                receiver.awaitDistinct(expected);
                long burstDeliveredMs = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("burst: projected after %d ms, %d/%d deliveries after %d ms%n", burstProjectedMs,
                        receiver.distinct(), expected, burstDeliveredMs);
                long burstReceived = receiver.received();
                long burstDistinct = receiver.distinct();

                List<Stream> streams = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    boolean withFirst = round % 2 == 1;
                    for (boolean withDeliveries : new boolean[]{withFirst, !withFirst}) {
                        eventTimes = eventTimes.plus(Duration.ofDays(1_000));
                        List<MonitorStateChanged> load = transitions(monitors(random, eventTimes, LOAD), LOAD);
                        List<MonitorStateChanged> stream = transitions(monitors(random, eventTimes.plus(Duration.ofDays(500)), EVENTS / 2), EVENTS);
                        setSubscriptionsEnabled(db, withDeliveries);
                        projected += send(producer, load);
                        awaitTransitions(db, projected);
                        Thread.sleep(SETTLE.toMillis());
                        long receivedBefore = receiver.received();
                        double[] cpuBefore = cpu(service);
                        long t1 = System.nanoTime();
                        projected += send(producer, stream);
                        awaitTransitions(db, projected);
                        double seconds = (System.nanoTime() - t1) / 1e9;
                        double[] cpuAfter = cpu(service);
                        double[] used = {cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1], cpuAfter[2] - cpuBefore[2]};
                        Stream s = new Stream(withDeliveries, stream.size() / seconds, receiver.received() - receivedBefore, used);
                        streams.add(s);
                        System.out.printf("round %d, %s deliveries: %d events projected in %.2f s = %.0f events/s (%d deliveries"
                                        + " received meanwhile; CPU s: service %.2f, PostgreSQL %.2f, broker + producer + receiver %.2f)%n",
                                round + 1, withDeliveries ? "with" : "without", stream.size(), seconds, s.eventsPerSecond(),
                                s.deliveriesMeanwhile(), used[0], used[1], used[2]);
                    }
                }
                report(burst.size(), expected, burstProjectedMs, burstDeliveredMs, burstReceived, burstDistinct, streams);
            } finally {
                service.stop();
            }
        }
        // The in-JVM broker keeps non-daemon threads that the exec plugin would wait for forever.
        System.exit(0);
    }

    private static void report(int burst, long expected, long projectedMs, long deliveredMs, long received, long distinct,
                               List<Stream> streams) {
        System.out.printf("%nRESULT burst of %d transitions with %d subscriptions: projected in %d ms; all %d matching"
                + " deliveries at the receiver after %d ms (%d received, %d duplicates)%n",
                burst, SUBSCRIPTIONS, projectedMs, expected, deliveredMs, received, received - distinct);
        if (streams.isEmpty()) {
            return; // -Dbench.rounds=0: the burst alone
        }
        double[] with = rates(streams, true);
        double[] without = rates(streams, false);
        System.out.printf("RESULT projection of %d events, %d streams each, alternating in one service:%n", EVENTS, ROUNDS);
        System.out.printf("  without deliveries: median %.0f events/s (min %.0f, max %.0f)%n", median(without), without[0],
                without[without.length - 1]);
        System.out.printf("  with deliveries:    median %.0f events/s (min %.0f, max %.0f); %d deliveries received during"
                + " these streams%n", median(with), with[0], with[with.length - 1],
                streams.stream().filter(Stream::withDeliveries).mapToLong(Stream::deliveriesMeanwhile).sum());
        System.out.printf("  with / without, by the medians: %+.1f %%%n", (median(with) / median(without) - 1) * 100);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static double[] rates(List<Stream> streams, boolean withDeliveries) {
        return streams.stream().filter(s -> s.withDeliveries() == withDeliveries).mapToDouble(Stream::eventsPerSecond)
                .sorted().toArray();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static ServiceProcess service(PostgresServer pg, KafkaBroker kafka, Path work) throws IOException {
        // -Dbench.service-jvm= adds JVM options to the service, e.g. a flight recording.
        String jvm = System.getProperty("bench.service-jvm", "").trim();
        ServiceProcess service = new ServiceProcess("monitor-api-service-alerts", ServiceProcess.moduleDir("monitor-api-service"),
                jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+")), Map.of(
                "TRAPWATCH_JDBC_URL", pg.jdbcUrl("bench"), "TRAPWATCH_JDBC_USER", pg.username(),
                "TRAPWATCH_JDBC_PASSWORD", pg.password(), "TRAPWATCH_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "TRAPWATCH_ALERTS_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "TRAPWATCH_API_TOKEN", TestTokens.OPERATOR,
                // one client creating 10,000 subscriptions: lift the per-client budget for the set-up
                "TRAPWATCH_RATE_LIMIT_PER_SECOND", "1000000", "TRAPWATCH_RATE_LIMIT_BURST", "1000000"), work);
        return service.stopOnExit();
    }

    /** The benchmark's switch between the two variants; what a user does with PUT {"enabled": …} per subscription. */
    private static void setSubscriptionsEnabled(Connection db, boolean enabled) throws Exception {
        try (Statement s = db.createStatement()) {
            s.executeUpdate("UPDATE monitor_api.alert_subscription SET enabled = " + enabled);
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

    /**
     * Monitors on random symbols of the universe, triggers an hour apart from {@code from}, trigger prices 0.01–20
     * (quote volume 0.12–247 million).
     */
    private static List<Events.Monitor> monitors(Random random, Instant from, int count) {
        List<Events.Monitor> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MarketType market = MarketType.values()[random.nextInt(2)];
            Interval interval = Interval.values()[random.nextInt(3)];
            String price = BigDecimal.valueOf(1 + random.nextInt(2000)).movePointLeft(2).setScale(8).toPlainString();
            Instant trigger = from.plus(Duration.ofHours(i));
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

    /** Sends and waits for every acknowledgement; returns how many were sent. */
    private static int send(KafkaProducer<String, String> producer, List<MonitorStateChanged> events) throws Exception {
        List<Future<?>> acks = new ArrayList<>();
        for (MonitorStateChanged e : events) {
            acks.add(producer.send(new ProducerRecord<>(Topics.MONITOR_STATE_CHANGED, e.series().asKafkaKey(), Events.json(e))));
        }
        for (Future<?> ack : acks) {
            ack.get();
        }
        return events.size();
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

    /** The local webhook receiver: answers 204 and counts requests and distinct idempotency keys, nothing else. */
    private static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final Set<String> keys = ConcurrentHashMap.newKeySet();
        private final AtomicLong received = new AtomicLong();

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver start() throws IOException {
            Receiver receiver = new Receiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000));
            receiver.server.setExecutor(Executors.newFixedThreadPool(8));
            receiver.server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                receiver.keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
                receiver.received.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.server.start();
            return receiver;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/";
        }

        long received() {
            return received.get();
        }

        long distinct() {
            return keys.size();
        }

        void awaitDistinct(long count) throws InterruptedException {
            while (keys.size() < count) {
                Thread.sleep(20);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
