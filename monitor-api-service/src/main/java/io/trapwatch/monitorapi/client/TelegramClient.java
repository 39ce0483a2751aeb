package io.trapwatch.monitorapi.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.monitorapi.config.AlertsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The two Bot API methods alerts use: {@code sendMessage} and {@code sendPhoto} (multipart upload of a PNG). */
@ApplicationScoped
public class TelegramClient {

    private final HttpClient http;
    private final String apiUrl;
    private final Duration timeout;
    private final ObjectMapper mapper;

    public TelegramClient(AlertsConfig config, ObjectMapper mapper) {
        this.apiUrl = config.telegram().apiUrl().replaceAll("/+$", "");
        this.timeout = config.telegram().timeout();
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** Telegram refused or could not be reached; {@code retryAfterSeconds} is set when it asked to slow down (429). */
    public static class TelegramFailure extends Exception {
        private final Integer retryAfterSeconds;

        public TelegramFailure(String message, Integer retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public Integer retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** Returns the new message's id. {@code replyTo} may be null. */
    public long sendMessage(String token, String chatId, String text, Long replyTo) throws TelegramFailure {
        Map<String, String> fields = fields(chatId, replyTo);
        fields.put("text", text);
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return call(token, "sendMessage", "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString(form.toString()));
    }

    public long sendPhoto(String token, String chatId, byte[] png, String caption, Long replyTo) throws TelegramFailure {
        Map<String, String> fields = fields(chatId, replyTo);
        fields.put("caption", caption);
        String boundary = "trapwatch-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((k, v) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n"));
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"chart.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n");
        body.writeBytes(png);
        write(body, "\r\n--" + boundary + "--\r\n");
        return call(token, "sendPhoto", "multipart/form-data; boundary=" + boundary,
                HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }

    private static Map<String, String> fields(String chatId, Long replyTo) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("chat_id", chatId);
        if (replyTo != null) {
            fields.put("reply_to_message_id", replyTo.toString());
            // A deleted thread root must not make the alert undeliverable.
            fields.put("allow_sending_without_reply", "true");
        }
        return fields;
    }

    private long call(String token, String method, String contentType, HttpRequest.BodyPublisher body) throws TelegramFailure {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/bot" + token + "/" + method)).timeout(timeout)
                .header("Content-Type", contentType).POST(body).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TelegramFailure(method + " did not get an answer: " + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramFailure(method + " interrupted", null);
        }
        JsonNode answer;
        try {
            answer = mapper.readTree(response.body());
        } catch (IOException e) {
            throw new TelegramFailure(method + " answered HTTP " + response.statusCode() + " without JSON", null);
        }
        if (response.statusCode() == 200 && answer.path("ok").asBoolean(false) && answer.path("result").has("message_id")) {
            return answer.path("result").path("message_id").asLong();
        }
        // The token is part of the URL: it never goes into the error text that ends up in the delivery log.
        JsonNode retryAfter = answer.path("parameters").path("retry_after");
        throw new TelegramFailure(method + " answered HTTP " + response.statusCode() + ": "
                + answer.path("description").asText(""), retryAfter.isInt() ? retryAfter.asInt() : null);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
