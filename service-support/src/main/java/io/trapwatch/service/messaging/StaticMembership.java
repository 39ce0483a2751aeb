package io.trapwatch.service.messaging;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;

/**
 * Gives every Kafka consumer of every incoming channel a {@code group.instance.id} and the chosen session timeout.
 * <p>
 * SmallRye copies a channel's Kafka properties verbatim to each consumer it creates for it — the copies of a channel
 * with {@code concurrency} > 1 and the consumers of one with {@code partitions} > 1 — and makes only {@code client.id}
 * distinct (channel name, {@code $n} copy suffix, {@code -n} consumer index). A {@code group.instance.id} written in the
 * channel's properties would therefore be shared by those consumers, which fence each other. It is derived here from
 * the process's instance name and the consumer's {@code client.id} instead: unique per consumer, stable across
 * restarts. Properties a channel sets itself are kept.
 */
@ApplicationScoped
public class StaticMembership implements ClientCustomizer<Map<String, Object>> {

    private static final Logger LOG = Logger.getLogger(StaticMembership.class);

    private final ConsumerMembershipConfig config;

    public StaticMembership(ConsumerMembershipConfig config) {
        this.config = config;
    }

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> kafka) {
        if (!kafka.containsKey(ConsumerConfig.GROUP_ID_CONFIG) || !kafka.containsKey(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG)) {
            return kafka; // a producer or an admin client
        }
        kafka.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(config.sessionTimeout().toMillis()));
        Optional<String> id = instanceId(config.instanceName(), String.valueOf(kafka.get(ConsumerConfig.CLIENT_ID_CONFIG)));
        id.ifPresent(value -> kafka.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, value));
        LOG.infof("channel %s: consumer %s joins group %s as %s, session timeout %s ms", channel,
                kafka.get(ConsumerConfig.CLIENT_ID_CONFIG), kafka.get(ConsumerConfig.GROUP_ID_CONFIG),
                kafka.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
                        ? "static member " + kafka.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG) : "a dynamic member (no instance name)",
                kafka.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG));
        return kafka;
    }

    /**
     * {@code <instance name>-<client id>}, reduced to the characters Kafka accepts in an instance id (letters, digits,
     * {@code . _ -}; SmallRye's copy suffix {@code $} is not one of them); empty without an instance name.
     */
    static Optional<String> instanceId(Optional<String> instanceName, String clientId) {
        return instanceName.map(String::strip).filter(name -> !name.isEmpty())
                .map(name -> (name + "-" + clientId).replaceAll("[^A-Za-z0-9._-]", "-"));
    }
}
