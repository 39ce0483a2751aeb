package io.trapwatch.service.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * How this process's Kafka consumers belong to their groups (applied to every incoming channel by
 * {@link StaticMembership}).
 */
@ConfigMapping(prefix = "trapwatch.kafka")
public interface ConsumerMembershipConfig {

    /**
     * A name for this process that survives its restarts and that no other running process of the same service has:
     * the pod name in Kubernetes (downward API), the service name in the local run. Each consumer joins its group as
     * the static member {@code <name>-<client id>}, so a restarted process takes its partitions back at once instead of
     * waiting for the dead member's session to time out. Environment: {@code TRAPWATCH_INSTANCE_NAME}, else
     * {@code HOSTNAME} (service-support's microprofile-config.properties); none = dynamic membership.
     */
    Optional<String> instanceName();

    /**
     * {@code session.timeout.ms} of every consumer that does not set its own. With static members it no longer decides
     * how fast a restarted process recovers; it bounds how long the partitions of a member that does not come back
     * (scale-down, a rollout's replaced pod, a lost node) stay unconsumed, because a static member does not leave its
     * group on shutdown. 15 s: five heartbeats (3 s), far above GC pauses and a coordinator move, about one JVM start
     * (7–26 s measured by LocalSystemIT), so a container restarted in place often rejoins before its partitions move away
     * and back (a slower restart costs one rebalance more, nothing else), and a third of Kafka's 45 s.
     */
    @WithDefault("15s")
    Duration sessionTimeout();
}
