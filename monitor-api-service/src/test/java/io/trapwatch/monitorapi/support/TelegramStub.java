package io.trapwatch.monitorapi.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The two Bot API methods over real HTTP: {@code /bot<token>/sendMessage} (form) and {@code /bot<token>/sendPhoto}
 * (multipart). Every message is recorded with its fields, the photo's bytes and a stamp from a test-supplied source
 * (e.g. the window the test's clock is in); answers {@code {"ok":true,"result":{"message_id":n}}}.
 */
public final class TelegramStub implements AutoCloseable {

    public record Message(String token, String method, String chatId, String text, Long replyTo, byte[] photo, long stamp,
                          long messageId) {
    }

    private final HttpServer server;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1000);
    private volatile LongSupplier stamps = () -> 0L;

    public TelegramStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stampWith(LongSupplier source) {
        this.stamps = source;
    }

    public List<Message> toChat(String chatId) {
        return messages.stream().filter(m -> m.chatId().equals(chatId)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        String token = parts[1].substring("bot".length());
        String method = parts[2];
        byte[] body = exchange.getRequestBody().readAllBytes();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, byte[]> fields = type.startsWith("multipart/form-data") ? multipart(body, type) : form(body);
        long id = nextId.incrementAndGet();
        String text = text(fields, method.equals("sendPhoto") ? "caption" : "text");
        String replyTo = text(fields, "reply_to_message_id");
        messages.add(new Message(token, method, text(fields, "chat_id"), text, replyTo == null ? null : Long.parseLong(replyTo),
                fields.get("photo"), stamps.getAsLong(), id));
        byte[] answer = new ObjectMapper().writeValueAsBytes(Map.of("ok", true, "result", Map.of("message_id", id)));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private static String text(Map<String, byte[]> fields, String name) {
        return fields.containsKey(name) ? new String(fields.get(name), StandardCharsets.UTF_8) : null;
    }

    private static Map<String, byte[]> form(byte[] body) {
        Map<String, byte[]> fields = new HashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** Parts are split on the boundary bytes; values are everything between the blank line and the next boundary. */
    private static Map<String, byte[]> multipart(byte[] body, String type) {
        byte[] boundary = ("--" + type.substring(type.indexOf("boundary=") + "boundary=".length())).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, byte[]> fields = new HashMap<>();
        int at = indexOf(body, boundary, 0);
        while (at >= 0) {
            int headerStart = at + boundary.length + 2;
            int next = indexOf(body, boundary, headerStart);
            if (next < 0) {
                break;
            }
            int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headerStart);
            String headers = new String(body, headerStart, headerEnd - headerStart, StandardCharsets.UTF_8);
            int nameStart = headers.indexOf("name=\"") + 6;
            String name = headers.substring(nameStart, headers.indexOf('"', nameStart));
            fields.put(name, Arrays.copyOfRange(body, headerEnd + 4, next - 2));
            at = next;
        }
        return fields;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
