package io.trapwatch.monitorapi.client;

/** detection-service answered 5xx. */
public class DetectionServerErrorException extends DetectionUnavailableException {

    private final int status;

    public DetectionServerErrorException(int status, String body) {
        super("detection-service answered HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body)), null);
        this.status = status;
    }

    public int status() {
        return status;
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}
