package io.trapwatch.marketdata.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trapwatch.marketdata.client.KlineStreamEndpoints;
import io.trapwatch.marketdata.client.KlineStreamParser;
import io.trapwatch.marketdata.client.KlineStreamSocket;
import io.trapwatch.marketdata.config.MarketDataConfig;
import io.trapwatch.marketdata.domain.ConnectAttemptWindow;
import io.trapwatch.marketdata.domain.KlineStreamMessage;
import io.trapwatch.marketdata.domain.MessagePacer;
import io.trapwatch.marketdata.domain.ReconnectBackoff;
import io.trapwatch.marketdata.domain.SeriesBar;
import io.trapwatch.marketdata.domain.StreamAssignment;
import io.trapwatch.marketdata.domain.StreamNames;
import io.trapwatch.marketdata.repository.InstrumentRepository;
import io.trapwatch.marketdata.repository.InstrumentRow;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.SeriesKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Keeps one combined-stream connection per 1024 kline streams of every active instrument × configured interval,
 * per market, and feeds the closed bars to {@link StreamBarWriter} (same store → outbox → kline-closed path as REST).
 * <ul>
 *   <li>After every connect — first, after a drop, after a rotation — the connection's series are filled over REST
 *   ({@link KlineUpdateService}, through the weight limiter) from their last stored bar, so nothing is lost while
 *   no connection carried them; their streamed bars wait meanwhile so events stay in open-time order.</li>
 *   <li>A drop reconnects after an exponential back-off with jitter; every attempt also waits for the process-wide
 *   connection-attempt window (300 per 5 minutes).</li>
 *   <li>Before Binance's 24 h cut-off, and on {@code serverShutdown}, a new connection is opened, subscribed and
 *   filled while the old one keeps streaming; only then is the old one closed (bars seen on both are stored once).</li>
 *   <li>Instrument syncs and a periodic check add and remove streams.</li>
 * </ul>
 */
@ApplicationScoped
public class KlineStreamService {

    private static final Logger LOG = Logger.getLogger(KlineStreamService.class);

    private final MarketDataConfig config;
    private final KlineStreamEndpoints endpoints;
    private final InstrumentRepository instruments;
    private final KlineUpdateService updates;
    private final StreamBarWriter writer;
    private final StreamStats stats;
    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Map<MarketType, MarketStreams> markets = new EnumMap<>(MarketType.class);
    private List<Interval> intervals = List.of();
    private ConnectAttemptWindow attempts;
    private ReconnectBackoff backoff;
    private WebSocketClient client;
    private ScheduledExecutorService checker;
    private ExecutorService gapFills;
    private volatile boolean stopped;

    public KlineStreamService(MarketDataConfig config, KlineStreamEndpoints endpoints, InstrumentRepository instruments,
                              KlineUpdateService updates, StreamBarWriter writer, StreamStats stats, Vertx vertx,
                              ObjectMapper mapper, Clock clock) {
        this.config = config;
        this.endpoints = endpoints;
        this.instruments = instruments;
        this.updates = updates;
        this.writer = writer;
        this.stats = stats;
        this.vertx = vertx;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** State of one logical connection: its streams survive reconnects and rotations. */
    final class Slot {
        final MarketStreams market;
        final Set<String> streams = new TreeSet<>();
        KlineStreamSocket socket;
        String state = "connecting";
        Instant connectedAt;
        volatile Instant lastMessage;
        int failedAttempts;
        boolean renewing;
        boolean removed;
        /** Streams whose last REST fill failed, retried after {@code gapFillRetryAt} (back-off per failure). */
        final Set<String> gapFillDue = new TreeSet<>();
        Instant gapFillRetryAt = Instant.MIN;
        int gapFillFailures;

        Slot(MarketStreams market) {
            this.market = market;
        }
    }

    /** The connections of one market. */
    final class MarketStreams {
        final MarketType market;
        final KlineStreamParser parser;
        final int messagesPerSecond;
        final List<Slot> slots = new ArrayList<>();

        MarketStreams(MarketType market, int messagesPerSecond) {
            this.market = market;
            this.parser = new KlineStreamParser(market, mapper);
            this.messagesPerSecond = messagesPerSecond;
        }
    }

    void start(@Observes StartupEvent event) {
        MarketDataConfig.Stream stream = config.stream();
        if (!stream.enabled()) {
            return;
        }
        intervals = stream.intervals().stream().map(Interval::fromWire).distinct().toList();
        for (MarketType market : MarketType.values()) {
            int perSecond = market == MarketType.SPOT ? stream.spotMessagesPerSecond() : stream.futuresMessagesPerSecond();
            // a URL that cannot carry klines stops the start-up here, naming the setting
            LOG.infof("%s kline streams: %s, intervals %s", market, endpoints.url(market), intervals);
            markets.put(market, new MarketStreams(market, perSecond));
        }
        attempts = new ConnectAttemptWindow(stream.connectAttempts(), stream.connectWindow().toNanos());
        backoff = new ReconnectBackoff(stream.reconnectBaseDelay(), stream.reconnectMaxDelay(), () -> ThreadLocalRandom.current().nextDouble());
        client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setConnectTimeout((int) stream.connectTimeout().toMillis())
                .setMaxMessageSize(1 << 20));
        checker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "kline-stream-check"));
        gapFills = Executors.newFixedThreadPool(2, r -> daemon(r, "kline-stream-gap-fill"));
        long every = stream.checkEvery().toMillis();
        checker.scheduleWithFixedDelay(this::check, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (checker != null) {
            checker.shutdownNow();
            gapFills.shutdownNow();
            markets.values().forEach(m -> {
                synchronized (m) {
                    m.slots.forEach(s -> {
                        if (s.socket != null) {
                            s.socket.close();
                        }
                    });
                }
            });
        }
    }

    void onInstrumentsSynced(@Observes InstrumentsSynced event) {
        if (checker != null) {
            checker.execute(() -> resync(event.market()));
        }
    }

    public boolean enabled() {
        return !markets.isEmpty();
    }

    /** Periodic: streams follow the active instruments, old connections are renewed, failed gap fills retried. */
    void check() {
        for (MarketStreams m : markets.values()) {
            try {
                resync(m.market);
                List<Slot> slots;
                synchronized (m) {
                    slots = List.copyOf(m.slots);
                }
                Instant now = clock.instant();
                for (Slot slot : slots) {
                    synchronized (slot) {
                        if (slot.state.equals("streaming") && !slot.renewing
                                && !now.isBefore(slot.connectedAt.plus(config.stream().rotateAfter()))) {
                            LOG.infof("%s connection with %d streams is %s old: renewing before the 24 h cut-off",
                                    m.market, slot.streams.size(), config.stream().rotateAfter());
                            stats.of(m.market).rotations.incrementAndGet();
                            renew(slot);
                        } else if (!slot.gapFillDue.isEmpty() && slot.state.equals("streaming") && !now.isBefore(slot.gapFillRetryAt)) {
                            Set<String> retry = new TreeSet<>(slot.gapFillDue);
                            retry.retainAll(slot.streams);
                            slot.gapFillDue.clear();
                            gapFill(slot, retry);
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.warnf("%s kline stream check failed: %s", m.market, e.getMessage());
            }
        }
    }

    /** Subscribes the streams of newly active instruments and unsubscribes those of delisted ones. */
    public void resync(MarketType market) {
        MarketStreams m = markets.get(market);
        if (m == null || stopped) {
            return;
        }
        Set<String> wanted = new TreeSet<>();
        for (InstrumentRow row : instruments.list(InstrumentSyncService.EXCHANGE, market, Optional.of(InstrumentRow.ACTIVE))) {
            intervals.forEach(interval -> wanted.add(StreamNames.kline(row.symbol(), interval)));
        }
        synchronized (m) {
            List<Set<String>> current = m.slots.stream().map(s -> (Set<String>) Set.copyOf(s.streams)).toList();
            for (StreamAssignment.Change change : StreamAssignment.plan(current, wanted, config.stream().maxStreamsPerConnection())) {
                if (change.index() < m.slots.size()) {
                    update(m.slots.get(change.index()), change);
                } else {
                    Slot slot = new Slot(m);
                    slot.streams.addAll(change.subscribe());
                    m.slots.add(slot);
                    connect(slot);
                }
            }
            m.slots.removeIf(slot -> {
                synchronized (slot) {
                    if (slot.streams.isEmpty()) {
                        slot.removed = true;
                        if (slot.socket != null) {
                            slot.socket.close();
                        }
                    }
                    return slot.removed;
                }
            });
        }
    }

    private void update(Slot slot, StreamAssignment.Change change) {
        synchronized (slot) {
            slot.streams.removeAll(change.unsubscribe());
            slot.streams.addAll(change.subscribe());
            if (!slot.state.equals("streaming")) {
                return; // the (re)connect in progress subscribes slot.streams as they are now
            }
            KlineStreamSocket socket = slot.socket;
            if (!change.unsubscribe().isEmpty()) {
                requests(socket, "UNSUBSCRIBE", change.unsubscribe());
            }
            if (!change.subscribe().isEmpty()) {
                Set<String> added = Set.copyOf(change.subscribe());
                writer.holdBack(series(slot.market.market, added));
                requests(socket, "SUBSCRIBE", added).onComplete(done -> gapFill(slot, added));
            }
        }
    }

    private void connect(Slot slot) {
        long delayMs = TimeUnit.NANOSECONDS.toMillis(attempts.reserve(System.nanoTime()));
        vertx.setTimer(Math.max(1, delayMs), t -> open(slot));
    }

    /** A new connection for the slot while the current one keeps streaming (rotation, serverShutdown). */
    private void renew(Slot slot) {
        slot.renewing = true;
        connect(slot);
    }

    private void open(Slot slot) {
        if (stopped || slot.removed) {
            return;
        }
        MarketStreams m = slot.market;
        // resolved per attempt: the replay server's own port is known only once it listens
        URI url = endpoints.url(m.market);
        KlineStreamSocket.open(vertx, client, url, new MessagePacer(requestsPerSecond(m)), config.stream().connectTimeout(),
                        new Listener(slot))
                .compose(socket -> {
                    Set<String> streams;
                    synchronized (slot) {
                        streams = Set.copyOf(slot.streams);
                    }
                    writer.holdBack(series(m.market, streams));
                    return requests(socket, "SUBSCRIBE", streams)
                            .map(v -> streams)
                            .onFailure(e -> {
                                writer.release(series(m.market, streams));
                                socket.close();
                            })
                            .onSuccess(subscribed -> streaming(slot, socket, subscribed));
                })
                .onFailure(e -> {
                    stats.of(m.market).connectFailures.incrementAndGet();
                    LOG.warnf("%s stream connection to %s failed: %s", m.market, url, e.getMessage());
                    retry(slot);
                });
    }

    private void streaming(Slot slot, KlineStreamSocket socket, Set<String> subscribed) {
        KlineStreamSocket previous;
        synchronized (slot) {
            previous = slot.socket;
            slot.socket = socket;
            slot.state = "streaming";
            slot.connectedAt = clock.instant();
            slot.failedAttempts = 0;
            slot.renewing = false;
        }
        if (previous != null) {
            previous.close(); // the renewed connection carries every stream now; nothing was missed in between
        }
        gapFill(slot, subscribed);
    }

    private void retry(Slot slot) {
        long delay;
        synchronized (slot) {
            if (slot.renewing && slot.socket != null && !slot.socket.isClosed()) {
                slot.renewing = false; // the current connection still streams: the next check renews again
                return;
            }
            slot.state = "reconnecting";
            delay = backoff.delay(slot.failedAttempts++).toMillis();
        }
        vertx.setTimer(Math.max(1, delay), t -> connect(slot));
    }

    /** REST fill of the slot's series from their last stored bar; their held-back streamed bars follow it. */
    private void gapFill(Slot slot, Set<String> streams) {
        MarketType market = slot.market.market;
        StreamStats.Market counters = stats.of(market);
        counters.gapFillsRunning.incrementAndGet();
        gapFills.execute(() -> {
            Map<Interval, List<String>> byInterval = new TreeMap<>();
            for (String stream : streams) {
                StreamNames.parse(stream).ifPresent(n -> byInterval.computeIfAbsent(n.interval(), i -> new ArrayList<>()).add(n.symbol()));
            }
            Set<String> failed = new TreeSet<>();
            for (Map.Entry<Interval, List<String>> e : byInterval.entrySet()) {
                try {
                    UpdateResult result = updates.update(market, e.getKey(), Optional.of(e.getValue()), Optional.empty());
                    counters.gapFillBars.addAndGet(result.bars().barsSaved());
                    result.problems().failed().forEach(f -> failed.add(StreamNames.kline(f.symbol(), e.getKey())));
                } catch (RuntimeException ex) {
                    LOG.warnf("%s %s gap fill failed: %s", market, e.getKey(), ex.getMessage());
                    e.getValue().forEach(symbol -> failed.add(StreamNames.kline(symbol, e.getKey())));
                }
            }
            writer.release(series(market, streams));
            synchronized (slot) {
                if (failed.isEmpty()) {
                    slot.gapFillFailures = 0;
                } else {
                    counters.gapFillFailures.incrementAndGet();
                    slot.gapFillDue.addAll(failed);
                    slot.gapFillRetryAt = clock.instant().plus(backoff.delay(slot.gapFillFailures++));
                    LOG.warnf("%s gap fill: %d of %d streams failed, retried from %s", market, failed.size(), streams.size(),
                            slot.gapFillRetryAt);
                }
            }
            counters.gapFillsRunning.decrementAndGet();
        });
    }

    private Future<Void> requests(KlineStreamSocket socket, String method, Set<String> streams) {
        List<String> all = new ArrayList<>(streams);
        int size = config.stream().streamsPerRequest();
        List<Future<Void>> replies = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            replies.add(socket.request(method, all.subList(from, Math.min(all.size(), from + size))));
        }
        return Future.all(replies).mapEmpty();
    }

    /**
     * Requests use half of Binance's per-connection message limit: the rest is headroom for the automatic pongs and
     * for a late timer pushing one request into the next second (Binance does not publish its window boundaries).
     */
    private static int requestsPerSecond(MarketStreams m) {
        return Math.max(1, m.messagesPerSecond / 2);
    }

    private static List<SeriesKey> series(MarketType market, Set<String> streams) {
        return streams.stream().map(StreamNames::parse).flatMap(Optional::stream)
                .map(n -> new SeriesKey(market, n.symbol(), n.interval())).toList();
    }

    /** Messages and closes of one socket of a slot. */
    private final class Listener implements KlineStreamSocket.Listener {
        private final Slot slot;

        Listener(Slot slot) {
            this.slot = slot;
        }

        @Override
        public void onText(KlineStreamSocket socket, String text) {
            MarketType market = slot.market.market;
            Instant now = Instant.now();
            slot.lastMessage = now;
            stats.message(market, now);
            KlineStreamMessage message = slot.market.parser.parse(text);
            if (message instanceof KlineStreamMessage.Bar bar) {
                stats.of(market).barsReceived.incrementAndGet();
                writer.accept(new SeriesBar(bar.series(), bar.kline()));
            } else if (message instanceof KlineStreamMessage.Forming) {
                stats.of(market).notClosed.incrementAndGet();
            } else if (message instanceof KlineStreamMessage.Reply reply) {
                socket.complete(reply.id(), reply.error());
            } else if (message instanceof KlineStreamMessage.ServerShutdown) {
                LOG.infof("%s stream server announced shutdown: opening a new connection", market);
                synchronized (slot) {
                    if (slot.socket == socket && !slot.renewing) {
                        stats.of(market).rotations.incrementAndGet();
                        renew(slot);
                    }
                }
            } else if (message instanceof KlineStreamMessage.Malformed malformed) {
                stats.malformed(market, malformed.reason());
                LOG.debugf("%s stream message ignored: %s", market, malformed.reason());
            }
        }

        @Override
        public void onClosed(KlineStreamSocket socket, String reason) {
            synchronized (slot) {
                if (slot.socket != socket || slot.removed || stopped) {
                    return; // a renewed connection's predecessor, or shutting down
                }
                slot.socket = null;
                stats.of(slot.market.market).reconnects.incrementAndGet();
                LOG.warnf("%s stream connection with %d streams lost (%s): reconnecting", slot.market.market, slot.streams.size(), reason);
            }
            retry(slot);
        }
    }

    /** Snapshot for the status endpoint. */
    public StreamStatus status() {
        List<StreamStatus.MarketStatus> list = new ArrayList<>();
        for (MarketType market : MarketType.values()) {
            MarketStreams m = markets.get(market);
            StreamStats.Market s = stats.of(market);
            List<StreamStatus.Connection> connections = new ArrayList<>();
            if (m != null) {
                synchronized (m) {
                    for (Slot slot : m.slots) {
                        synchronized (slot) {
                            connections.add(new StreamStatus.Connection(slot.state, slot.streams.size(),
                                    slot.connectedAt, slot.lastMessage, slot.renewing));
                        }
                    }
                }
            }
            list.add(new StreamStatus.MarketStatus(market.wire(), m == null ? null : endpoints.url(market).toString(), connections,
                    connections.stream().mapToInt(StreamStatus.Connection::streams).sum(), s.lastMessage.get(),
                    s.messages.get(), s.barsReceived.get(), s.barsStored.get(), s.notClosed.get(), s.malformed.get(),
                    s.lastMalformed.get(), s.reconnects.get(), s.rotations.get(), s.connectFailures.get(),
                    s.gapFillBars.get(), s.gapFillFailures.get(), s.gapFillsRunning.get()));
        }
        return new StreamStatus(enabled(), intervals.stream().map(Interval::wire).collect(Collectors.toList()), list);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
