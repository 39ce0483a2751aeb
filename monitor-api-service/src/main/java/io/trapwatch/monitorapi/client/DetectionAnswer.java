package io.trapwatch.monitorapi.client;

/** What detection-service answered (a 2xx or 4xx): status, body and content type as sent, and its Location header. */
public record DetectionAnswer(int status, String body, String contentType, String location) {
}
