package io.trapwatch.monitorapi.service;

import io.trapwatch.monitorapi.domain.SubscriptionSpec;
import io.trapwatch.monitorapi.domain.SubscriptionSpec.Channel;
import io.trapwatch.monitorapi.repository.DeliveryRepository;
import io.trapwatch.monitorapi.repository.DeliveryRepository.DeliveryRow;
import io.trapwatch.monitorapi.repository.StoredSubscription;
import io.trapwatch.monitorapi.repository.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Alert subscriptions: secrets are sealed before they are stored and never come back out through here. */
@ApplicationScoped
public class SubscriptionService {

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final WebhookSecrets secrets;

    public SubscriptionService(SubscriptionRepository subscriptions, DeliveryRepository deliveries, WebhookSecrets secrets) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.secrets = secrets;
    }

    public StoredSubscription create(SubscriptionSpec spec) throws SQLException {
        checkTokenReference(spec);
        if (spec.channel() == Channel.WEBHOOK && spec.webhookSecret() == null) {
            throw new InvalidSubscriptionException("channel.secret", "a webhook needs a secret to sign its bodies with");
        }
        long id = subscriptions.insert(spec, sealed(spec), Instant.now());
        return subscriptions.find(id).orElseThrow();
    }

    /** Full replacement; a webhook keeps its stored secret when none is given. Enabling again lifts a pause. */
    public Optional<StoredSubscription> update(long id, SubscriptionSpec spec) throws SQLException {
        checkTokenReference(spec);
        Optional<StoredSubscription> held = subscriptions.find(id);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        if (spec.channel() == Channel.WEBHOOK && spec.webhookSecret() == null && held.get().channel() != Channel.WEBHOOK) {
            throw new InvalidSubscriptionException("channel.secret", "a subscription turned into a webhook needs a secret");
        }
        subscriptions.update(id, spec, sealed(spec), Instant.now());
        return subscriptions.find(id);
    }

    public boolean delete(long id) throws SQLException {
        return subscriptions.delete(id);
    }

    public Optional<StoredSubscription> find(long id) throws SQLException {
        return subscriptions.find(id);
    }

    public List<StoredSubscription> page(long afterId, int limit) throws SQLException {
        return subscriptions.page(afterId, limit);
    }

    /** Empty if there is no such subscription. */
    public Optional<List<DeliveryRow>> deliveries(long id, String status, int limit) throws SQLException {
        if (subscriptions.find(id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(deliveries.deliveries(id, status, limit));
    }

    /** A Telegram token is given by the name of a setting; a name that is not set would only fail every delivery. */
    private static void checkTokenReference(SubscriptionSpec spec) {
        if (spec.channel() == Channel.TELEGRAM
                && ConfigProvider.getConfig().getOptionalValue(spec.telegramTokenRef(), String.class).filter(t -> !t.isBlank()).isEmpty()) {
            throw new InvalidSubscriptionException("channel.bot_token_ref", "no setting or environment variable named "
                    + spec.telegramTokenRef() + " is set in the service");
        }
    }

    private byte[] sealed(SubscriptionSpec spec) {
        if (spec.channel() != Channel.WEBHOOK || spec.webhookSecret() == null) {
            return null;
        }
        if (!secrets.available()) {
            throw new SecretKeyMissingException();
        }
        return secrets.seal(spec.webhookSecret());
    }
}
