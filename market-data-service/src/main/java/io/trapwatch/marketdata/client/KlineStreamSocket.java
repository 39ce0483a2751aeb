package io.trapwatch.marketdata.client;

import io.trapwatch.marketdata.domain.MessagePacer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrameType;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One WebSocket connection to a combined kline stream endpoint. Requests (SUBSCRIBE / UNSUBSCRIBE) leave through
 * the connection's {@link MessagePacer}; the pong that Vert.x answers every ping with is recorded in the same pacer.
 * A request's future completes with Binance's reply to its id (failed on an error reply or a closed connection).
 */
public final class KlineStreamSocket {

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Vertx vertx;
    private final WebSocket socket;
    private final MessagePacer pacer;
    private final Duration replyTimeout;
    private final AtomicLong requestIds = new AtomicLong();
    private final Map<Long, Promise<Void>> pending = new ConcurrentHashMap<>();
    private volatile boolean closing;

    private KlineStreamSocket(Vertx vertx, WebSocket socket, MessagePacer pacer, Duration replyTimeout) {
        this.vertx = vertx;
        this.socket = socket;
        this.pacer = pacer;
        this.replyTimeout = replyTimeout;
    }

    /** Receives every text message of the connection, and one call when it is closed (by either side or a failure). */
    public interface Listener {
        void onText(KlineStreamSocket socket, String text);

        void onClosed(KlineStreamSocket socket, String reason);
    }

    public static Future<KlineStreamSocket> open(Vertx vertx, WebSocketClient client, URI url, MessagePacer pacer,
                                                 Duration replyTimeout, Listener listener) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(url.toString());
        return client.connect(options).map(ws -> {
            KlineStreamSocket socket = new KlineStreamSocket(vertx, ws, pacer, replyTimeout);
            ws.frameHandler(frame -> {
                if (frame.type() == WebSocketFrameType.PING) {
                    pacer.record(System.nanoTime()); // Vert.x has answered it with a pong
                }
            });
            ws.textMessageHandler(text -> listener.onText(socket, text));
            ws.exceptionHandler(e -> ws.close((short) 1011, "client error"));
            ws.closeHandler(v -> {
                socket.failPending("connection closed");
                listener.onClosed(socket, socket.closing ? "closed by us" : "closed by server: " + ws.closeStatusCode() + " " + ws.closeReason());
            });
            return socket;
        });
    }

    public long id() {
        return id;
    }

    /** Sends {@code {"method":method,"params":streams,"id":n}} at the pacer's next slot. */
    public Future<Void> request(String method, Collection<String> streams) {
        long requestId = requestIds.incrementAndGet();
        Promise<Void> reply = Promise.promise();
        pending.put(requestId, reply);
        String message = "{\"method\":\"" + method + "\",\"params\":" + quoted(streams) + ",\"id\":" + requestId + "}";
        long delayMs = TimeUnit.NANOSECONDS.toMillis(pacer.reserve(System.nanoTime()));
        Runnable send = () -> socket.writeTextMessage(message).onFailure(e -> complete(requestId, e.getMessage()));
        if (delayMs <= 0) {
            send.run();
        } else {
            vertx.setTimer(delayMs, t -> send.run());
        }
        vertx.setTimer(delayMs + replyTimeout.toMillis(), t -> complete(requestId, "no reply to " + method + " within " + replyTimeout));
        return reply.future();
    }

    /** Binance's reply to request {@code requestId}; {@code error} null for success. */
    public void complete(long requestId, String error) {
        Promise<Void> reply = pending.remove(requestId);
        if (reply != null) {
            if (error == null) {
                reply.tryComplete();
            } else {
                reply.tryFail(error);
            }
        }
    }

    public void close() {
        closing = true;
        socket.close();
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    private void failPending(String reason) {
        List.copyOf(pending.keySet()).forEach(requestId -> complete(requestId, reason));
    }

    private static String quoted(Collection<String> streams) {
        StringBuilder json = new StringBuilder("[");
        for (String stream : streams) {
            json.append(json.length() > 1 ? "," : "").append('"').append(stream).append('"');
        }
        return json.append(']').toString();
    }
}
