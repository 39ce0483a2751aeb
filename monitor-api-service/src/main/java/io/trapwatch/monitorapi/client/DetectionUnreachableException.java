package io.trapwatch.monitorapi.client;

/** No connection to detection-service (refused, unknown host, connect timeout): nothing reached it, a retry is safe. */
public class DetectionUnreachableException extends DetectionUnavailableException {

    public DetectionUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
