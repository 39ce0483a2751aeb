package io.trapwatch.monitorapi.service;

/** A webhook subscription was asked for, but no key to encrypt its secret is configured. */
public class SecretKeyMissingException extends RuntimeException {

    public SecretKeyMissingException() {
        super("webhook secrets are stored encrypted and trapwatch.monitor-api.alerts.secret-key"
                + " (TRAPWATCH_ALERTS_SECRET_KEY) is not set");
    }
}
