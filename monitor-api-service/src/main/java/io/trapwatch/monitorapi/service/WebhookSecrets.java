package io.trapwatch.monitorapi.service;

import io.trapwatch.monitorapi.config.AlertsConfig;
import io.trapwatch.monitorapi.domain.SecretCipher;
import io.trapwatch.monitorapi.repository.StoredSubscription;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Base64;
import java.util.Optional;

/**
 * Webhook secrets sealed with the configured AES key; without a key there are no webhook subscriptions. Built at
 * start-up, so a malformed key stops the service with a message naming the setting.
 */
@Startup
@ApplicationScoped
public class WebhookSecrets {

    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);

    private final Optional<SecretCipher> cipher;

    public WebhookSecrets(AlertsConfig config) {
        this.cipher = config.secretKey().filter(k -> !k.isBlank()).map(WebhookSecrets::cipher);
    }

    private static SecretCipher cipher(String base64) {
        try {
            return new SecretCipher(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trapwatch.monitor-api.alerts.secret-key (TRAPWATCH_ALERTS_SECRET_KEY) must be"
                    + " the Base64 of a 16, 24 or 32-byte key: " + e.getMessage());
        }
    }

    public boolean available() {
        return cipher.isPresent();
    }

    public byte[] seal(String secret) {
        return cipher.orElseThrow(() -> new IllegalStateException("no secret key configured")).encrypt(secret);
    }

    /** Empty if no key is configured or the stored value was sealed with another one. */
    public Optional<String> reveal(StoredSubscription s) {
        try {
            return cipher.map(c -> c.decrypt(s.encryptedSecret()));
        } catch (IllegalStateException e) {
            LOG.errorf("subscription %d: %s", s.id(), e.getMessage());
            return Optional.empty();
        }
    }
}
