package io.trapwatch.monitorapi.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trapwatch.monitorapi.client.WebhookClient;
import io.trapwatch.monitorapi.config.AlertsConfig;
import io.trapwatch.monitorapi.domain.AlertPayload;
import io.trapwatch.monitorapi.domain.Backoff;
import io.trapwatch.monitorapi.domain.SubscriptionSpec.Channel;
import io.trapwatch.monitorapi.repository.DeliveryRepository;
import io.trapwatch.monitorapi.repository.DeliveryRepository.Due;
import io.trapwatch.monitorapi.repository.DeliveryRepository.Outcome;
import io.trapwatch.monitorapi.repository.SenderLock;
import io.trapwatch.monitorapi.repository.StoredSubscription;
import io.trapwatch.monitorapi.repository.SubscriptionRepository;
import io.trapwatch.monitorapi.service.AlertPayloads.Key;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The alert sender, on a thread of its own (never the Kafka consumer's): fans recorded transitions out to the
 * matching subscriptions, hands due deliveries to their channel, and writes the results in batches. A delivery is
 * in flight from hand-over until its result is stored, so it is never handed over twice meanwhile; a crash in
 * between means it is sent again after the restart (at least once — receivers de-duplicate by the idempotency key).
 */
@ApplicationScoped
public class DeliveryDispatcher implements DeliveryResults {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);
    /**
     * Transitions matched per statement: small, so that a fan-out already running when a backlog of monitor events
     * arrives (the sender then yields) holds the database only briefly (100 transitions ≈ 4,600 deliveries).
     */
    private static final int FAN_OUT_BATCH = 100;
    private static final int DUE_BATCH = 2000;

    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final AlertPayloads payloads;
    private final WebhookSecrets secrets;
    private final WebhookClient webhooks;
    private final TelegramSender telegram;
    private final AlertsConfig config;
    private final ProjectionLoad projection;
    private final SenderLock senderLock;
    private final Backoff backoff;

    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Queue<Outcome> results = new ConcurrentLinkedQueue<>();
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    /** Whether the last round yielded: the webhook lanes then wait to be resumed. Only the sender's thread uses it. */
    private boolean heldBack;
    private Thread loop;

    public DeliveryDispatcher(DeliveryRepository deliveries, SubscriptionRepository subscriptions, AlertPayloads payloads,
                              WebhookSecrets secrets, WebhookClient webhooks, TelegramSender telegram, AlertsConfig config,
                              ProjectionLoad projection, SenderLock senderLock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.payloads = payloads;
        this.secrets = secrets;
        this.webhooks = webhooks;
        this.telegram = telegram;
        this.config = config;
        this.projection = projection;
        this.senderLock = senderLock;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    }

    void start(@Observes StartupEvent event) {
        webhooks.holdWhile(this::yielding);
        running = true;
        loop = new Thread(this::run, "alert-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wake.release();
        loop.join(5000);
        senderLock.release();
    }

    private void run() {
        while (running) {
            boolean progressed = false;
            try {
                progressed = poll();
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("alert dispatch failed, retrying: %s", e.getMessage());
            }
            try {
                if (yielding()) {
                    // The whole pause, however much work comes in: results wait in their queue for the next round.
                    Thread.sleep(config.catchUpPause().toMillis());
                } else if (!progressed) {
                    wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether the read model is catching up on a backlog: then the sender holds back (see {@link #poll()}). */
    private boolean yielding() {
        return !config.catchUpPause().isZero() && projection.catchingUp();
    }

    /**
     * One round; true if it did something (then the next round starts at once unless {@link #yielding()}). While the
     * read model catches up, the round only writes the results that came in: new transitions stay unmatched, nothing
     * is handed over and the webhook lanes hold what waits, so deliveries never compete with the projection for the
     * two things it needs (CPU and database); they resume when it has caught up. Only the instance holding the
     * {@link SenderLock} goes further: the others write their results and wait to take it over.
     */
    private boolean poll() throws SQLException {
        boolean yielding = yielding();
        int recorded = recordResults();
        if (yielding) {
            heldBack = true;
            return recorded > 0;
        }
        if (!senderLock.held()) {
            return recorded > 0;
        }
        if (heldBack) {
            heldBack = false;
            webhooks.resume();
        }
        Instant now = Instant.now();
        int fanned = deliveries.fanOut(FAN_OUT_BATCH, now);
        List<Due> due = deliveries.due(now, inFlight, DUE_BATCH);
        int started = due.isEmpty() ? 0 : handOver(due);
        return fanned > 0 || recorded > 0 || started > 0;
    }

    private int handOver(List<Due> due) throws SQLException {
        Map<Long, StoredSubscription> subs = new HashMap<>();
        subscriptions.byIds(due.stream().map(Due::subscriptionId).distinct().toList()).forEach(s -> subs.put(s.id(), s));
        List<Due> startable = startable(due, subs);
        if (startable.isEmpty()) {
            return 0;
        }
        Map<Key, AlertPayload> bodies = payloads.build(startable.stream().map(d -> new Key(d.monitorId(), d.sequence())).distinct().toList());
        Map<Key, byte[]> json = new HashMap<>();
        Map<Long, String> plainSecrets = new HashMap<>();
        Map<String, List<TelegramSender.Item>> chats = new LinkedHashMap<>();
        int started = 0;
        for (Due d : startable) {
            StoredSubscription s = subs.get(d.subscriptionId());
            AlertPayload body = bodies.get(new Key(d.monitorId(), d.sequence()));
            if (body == null) {
                continue; // the read model is being rebuilt: the monitor comes back
            }
            if (s.channel() == Channel.TELEGRAM) {
                chats.computeIfAbsent(s.chatKey(), k -> new ArrayList<>()).add(new TelegramSender.Item(d, s, body));
                continue;
            }
            String secret = plainSecrets.computeIfAbsent(s.id(), id -> secrets.reveal(s).orElse(null));
            inFlight.add(d.id());
            if (secret == null) {
                finished(d, "webhook secret cannot be decrypted: no or another trapwatch.monitor-api.alerts.secret-key", null, null);
                started++;
            } else if (webhooks.trySend(s.webhookUrl(), secret, idempotencyKey(d),
                    json.computeIfAbsent(new Key(d.monitorId(), d.sequence()), k -> payloads.json(body)),
                    error -> finished(d, error.orElse(null), null, null))) {
                started++;
            } else {
                inFlight.remove(d.id());
            }
        }
        for (Map.Entry<String, List<TelegramSender.Item>> chat : chats.entrySet()) {
            List<Long> ids = chat.getValue().stream().map(i -> i.due().id()).toList();
            inFlight.addAll(ids);
            if (telegram.trySubmit(chat.getKey(), chat.getValue(), this)) {
                started++;
            } else {
                ids.forEach(inFlight::remove);
            }
        }
        return started;
    }

    /**
     * The due deliveries their channel takes right now (free slots of the URL, a chat not busy), chosen before any
     * alert body is read: a round reads only what it sends. Deliveries of deleted subscriptions are left out.
     */
    private List<Due> startable(List<Due> due, Map<Long, StoredSubscription> subs) {
        Map<String, Integer> room = new HashMap<>();
        List<Due> out = new ArrayList<>();
        for (Due d : due) {
            StoredSubscription s = subs.get(d.subscriptionId());
            if (s == null) {
                continue;
            }
            if (s.channel() == Channel.TELEGRAM) {
                if (telegram.accepting(s.chatKey())) {
                    out.add(d);
                }
                continue;
            }
            int left = room.computeIfAbsent(s.webhookUrl(), webhooks::room);
            if (left > 0) {
                room.put(s.webhookUrl(), left - 1);
                out.add(d);
            }
        }
        return out;
    }

    /** The same for every attempt of a delivery: subscription, monitor and sequence. */
    public static String idempotencyKey(Due d) {
        return d.subscriptionId() + ":" + d.monitorKey() + ":" + d.sequence();
    }

    @Override
    public void finished(Due due, String error, Long messageId, Duration retryAfter) {
        Instant now = Instant.now();
        Outcome outcome;
        if (error == null) {
            outcome = new Outcome(due.id(), due.subscriptionId(), "delivered", null, null, now, messageId);
        } else if (due.attempts() + 1 >= config.maxAttempts()) {
            outcome = new Outcome(due.id(), due.subscriptionId(), "failed", null, error, null, null);
        } else {
            Duration wait = backoff.after(due.attempts() + 1, ThreadLocalRandom.current().nextDouble());
            if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
                wait = retryAfter;
            }
            outcome = new Outcome(due.id(), due.subscriptionId(), "pending", now.plus(wait), error, null, null);
        }
        results.add(outcome);
        wake.release();
    }

    @Override
    public void notAttempted(List<Due> dues) {
        dues.forEach(d -> inFlight.remove(d.id()));
    }

    private int recordResults() throws SQLException {
        List<Outcome> batch = new ArrayList<>();
        for (Outcome o = results.poll(); o != null; o = results.poll()) {
            batch.add(o);
        }
        try {
            deliveries.record(batch, config.pauseAfterFailures(), Instant.now());
        } catch (SQLException | RuntimeException e) {
            results.addAll(batch); // kept in flight and written on the next round
            throw e;
        }
        batch.forEach(o -> inFlight.remove(o.deliveryId()));
        return batch.size();
    }
}
