package io.trapwatch.marketdata.replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.trapwatch.marketdata.config.MarketDataConfig;
import io.trapwatch.marketdata.domain.StreamEndpoints;
import io.trapwatch.marketdata.domain.StreamNames;
import io.trapwatch.model.MarketType;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Binance-compatible combined kline stream server over the replay data set, at the paths Binance uses
 * ({@code /replay/spot/stream}, {@code /replay/futures/market/stream}): SUBSCRIBE / UNSUBSCRIBE /
 * LIST_SUBSCRIPTIONS with Binance's replies, at most 1024 streams per connection, Binance's incoming-message limit
 * (a client sending more per second is disconnected, as Binance does), a ping every {@code replay.stream-ping-every}.
 * Each move of the replay clock pushes, per subscribed stream, every bar that closed meanwhile: first as the
 * forming candle ({@code x:false}), then closed ({@code x:true}). Tests and demos can drop every connection,
 * announce a {@code serverShutdown}, refuse new connections or inject raw messages.
 */
@ApplicationScoped
public class ReplayStreamServer {

    private static final Logger LOG = Logger.getLogger(ReplayStreamServer.class);
    static final int MAX_STREAMS = 1024;

    private final MarketDataConfig config;
    private final ReplayDataSet dataSet;
    private final ReplayClock clock;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rateViolations = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger dropAfterMessages = new AtomicInteger(-1);
    private volatile boolean refusing;
    private long pingTimer = -1;

    public ReplayStreamServer(MarketDataConfig config, ReplayDataSet dataSet, ReplayClock clock, ObjectMapper mapper, Vertx vertx) {
        this.config = config;
        this.dataSet = dataSet;
        this.clock = clock;
        this.mapper = mapper;
        this.vertx = vertx;
    }

    void routes(@Observes Router router) {
        if (config.source() != MarketDataConfig.Source.REPLAY) {
            return;
        }
        for (MarketType market : MarketType.values()) {
            router.route("/replay/" + market.wire() + StreamEndpoints.combinedPath(market)).handler(rc -> upgrade(rc, market));
        }
        long every = config.replay().streamPingEvery().toMillis();
        pingTimer = vertx.setPeriodic(every, every, id -> sessions.forEach(s -> s.socket.writePing(Buffer.buffer("ping"))));
    }

    void stop(@Observes ShutdownEvent event) {
        if (pingTimer >= 0) {
            vertx.cancelTimer(pingTimer);
        }
    }

    private void upgrade(RoutingContext rc, MarketType market) {
        if (refusing) {
            rc.response().setStatusCode(503).end("replay stream server refuses connections");
            return;
        }
        HttpConnection connection = rc.request().connection();
        rc.request().toWebSocket().onSuccess(ws -> {
            Session session = new Session(market, ws, connection);
            sessions.add(session);
            accepted.incrementAndGet();
            ws.textMessageHandler(session::onRequest);
            ws.pongHandler(b -> session.countIncoming());
            ws.closeHandler(v -> sessions.remove(session));
        }).onFailure(e -> LOG.warnf("replay stream upgrade failed: %s", e.getMessage()));
    }

    /**
     * Pushes the bars that the clock move closed to every connection subscribed to their streams. Each connection's
     * messages are rendered and written in one task on its own event loop: a candle close is thousands of messages,
     * and one hand-over per message from the clock's thread cost more than the messages themselves.
     */
    void onClockMoved(@Observes ReplayClock.Moved move) {
        long from = move.from().toEpochMilli();
        long to = move.to().toEpochMilli();
        for (Session session : sessions) {
            session.context.runOnContext(v -> {
                for (String stream : session.streams) {
                    StreamNames.parse(stream)
                            .flatMap(named -> dataSet.series(session.market, named.symbol(), named.interval().wire())
                                    .map(series -> series.closedBetween(from, to)))
                            .ifPresent(rows -> rows.forEach(row -> {
                                String[] values = rowValues(row);
                                session.send(klineMessage(stream, values, false, to));
                                session.send(klineMessage(stream, values, true, to));
                            }));
                }
            });
        }
    }

    /** Drops every connection without a close frame, as a network failure would. */
    public void dropAll() {
        sessions.forEach(Session::drop);
    }

    /** Drops every connection after {@code messages} more pushed messages (in the middle of a clock move). */
    public void dropAfter(int messages) {
        dropAfterMessages.set(messages);
    }

    /** Sends Binance's {@code serverShutdown} event on every connection; they stay open until the client leaves. */
    public void announceShutdown() {
        String event = "{\"e\":\"serverShutdown\",\"E\":" + clock.now().toEpochMilli() + "}";
        sessions.forEach(s -> s.send(event));
    }

    /** While refusing, upgrade requests get HTTP 503 (the exchange is unreachable). */
    public void refuseConnections(boolean refuse) {
        refusing = refuse;
    }

    /** Sends a raw text message on every connection of a market (malformed input, repeated bars). */
    public void inject(MarketType market, String text) {
        sessions.stream().filter(s -> s.market == market).forEach(s -> s.send(text));
    }

    public Stats stats() {
        return new Stats(accepted.get(), sessions.size(), sessions.stream().mapToInt(s -> s.streams.size()).sum(),
                requests.get(), rateViolations.get());
    }

    /** accepted: connections ever accepted; open: now; streams: subscribed over all open connections. */
    public record Stats(long accepted, int open, int streams, long requests, long rateViolations) {
    }

    /**
     * Binance's combined-stream kline message for a recorded REST row ({@code [openTime, "open", …]}): the row's
     * values are copied token by token, strings stay strings and numbers numbers, as Binance sends them.
     */
    public String klineMessage(String stream, String row, boolean closed, long eventTime) {
        return klineMessage(stream, rowValues(row), closed, eventTime);
    }

    /** A recorded row's 11 values as JSON text: strings quoted, numbers as recorded. */
    private String[] rowValues(String row) {
        String[] values = new String[11];
        try (JsonParser p = mapper.getFactory().createParser(row)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("recorded kline row is not an array: " + row);
            }
            for (int i = 0; i < values.length && p.nextToken() != JsonToken.END_ARRAY; i++) {
                values[i] = p.currentToken() == JsonToken.VALUE_STRING
                        ? '"' + new String(JsonStringEncoder.getInstance().quoteAsString(p.getText())) + '"' : p.getText();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    private static String klineMessage(String stream, String[] values, boolean closed, long eventTime) {
        String symbol = StreamNames.parse(stream).orElseThrow().symbol();
        return new StringBuilder(400).append("{\"stream\":\"").append(stream)
                .append("\",\"data\":{\"e\":\"kline\",\"E\":").append(eventTime).append(",\"s\":\"").append(symbol)
                .append("\",\"k\":{\"t\":").append(values[0]).append(",\"T\":").append(values[6])
                .append(",\"s\":\"").append(symbol).append("\",\"i\":\"").append(stream.substring(stream.indexOf('_') + 1))
                .append("\",\"f\":0,\"L\":0,\"o\":").append(values[1]).append(",\"c\":").append(values[4])
                .append(",\"h\":").append(values[2]).append(",\"l\":").append(values[3]).append(",\"v\":").append(values[5])
                .append(",\"n\":").append(values[8]).append(",\"x\":").append(closed).append(",\"q\":").append(values[7])
                .append(",\"V\":").append(values[9]).append(",\"Q\":").append(values[10]).append(",\"B\":\"0\"}}}")
                .toString();
    }

    /** One client connection: its streams and its incoming-message count in the current second. */
    private final class Session {
        private final MarketType market;
        private final ServerWebSocket socket;
        private final HttpConnection connection;
        private final Context context = Vertx.currentContext();
        private final Set<String> streams = ConcurrentHashMap.newKeySet();
        private long second;
        private int inSecond;

        Session(MarketType market, ServerWebSocket socket, HttpConnection connection) {
            this.market = market;
            this.socket = socket;
            this.connection = connection;
        }

        void onRequest(String text) {
            if (!countIncoming()) {
                return;
            }
            requests.incrementAndGet();
            JsonNode request;
            try {
                request = mapper.readTree(text);
            } catch (IOException e) {
                send("{\"error\":{\"code\":3,\"msg\":\"Invalid JSON\"},\"id\":null}");
                return;
            }
            JsonNode id = request.path("id");
            String method = request.path("method").asText("");
            List<String> params = request.path("params").isArray()
                    ? java.util.stream.StreamSupport.stream(request.path("params").spliterator(), false).map(JsonNode::asText).toList()
                    : List.of();
            switch (method) {
                case "SUBSCRIBE" -> {
                    Set<String> after = new java.util.HashSet<>(streams);
                    after.addAll(params);
                    if (after.size() > MAX_STREAMS) {
                        send(error(id, 2, "Too many streams: a connection carries at most " + MAX_STREAMS));
                        return;
                    }
                    streams.addAll(params);
                    send(result(id, "null"));
                }
                case "UNSUBSCRIBE" -> {
                    params.forEach(streams::remove);
                    send(result(id, "null"));
                }
                case "LIST_SUBSCRIPTIONS" -> send(result(id, json(streams)));
                default -> send(error(id, 2, "Invalid request: unknown method '" + method + "'"));
            }
        }

        /** Binance's incoming-message limit: the message that exceeds it closes the connection. */
        synchronized boolean countIncoming() {
            long now = System.nanoTime() / 1_000_000_000L;
            if (now != second) {
                second = now;
                inSecond = 0;
            }
            int limit = market == MarketType.SPOT ? config.stream().spotMessagesPerSecond() : config.stream().futuresMessagesPerSecond();
            if (++inSecond > limit) {
                rateViolations.incrementAndGet();
                LOG.warnf("replay %s stream: more than %d messages in one second, disconnecting", market, limit);
                socket.close((short) 1008, "Too many requests");
                return false;
            }
            return true;
        }

        void send(String text) {
            if (dropAfterMessages.get() >= 0 && dropAfterMessages.getAndDecrement() == 0) {
                dropAll();
                return;
            }
            if (!socket.isClosed()) {
                socket.writeTextMessage(text);
            }
        }

        void drop() {
            connection.close();
        }

        private String result(JsonNode id, String result) {
            return "{\"result\":" + result + ",\"id\":" + id + "}";
        }

        private String error(JsonNode id, int code, String msg) {
            return "{\"error\":{\"code\":" + code + ",\"msg\":" + json(msg) + "},\"id\":" + id + "}";
        }

        private String json(Object value) {
            try {
                return mapper.writeValueAsString(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
