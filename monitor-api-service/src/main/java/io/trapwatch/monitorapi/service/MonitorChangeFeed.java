package io.trapwatch.monitorapi.service;

import io.quarkus.scheduler.Scheduled;
import io.trapwatch.monitorapi.domain.MonitorFilter;
import io.trapwatch.monitorapi.domain.ReadModelChanged;
import io.trapwatch.monitorapi.repository.MonitorChange;
import io.trapwatch.monitorapi.repository.MonitorChangeRepository;
import io.trapwatch.monitorapi.repository.MonitorRow;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Live changes of the read model for subscribers (the dashboard's server-sent events, alerts): each subscriber gets
 * every monitor matching its filter that changed after it subscribed, or after the change number it resumes from.
 * Changes are read from the database by change number (migration V2), so what a subscriber receives is exactly what
 * a reader sees; the projector's commit wakes the feed at once, and a poll every second also picks up changes
 * projected by another instance of the service.
 */
@ApplicationScoped
public class MonitorChangeFeed {

    /** More missed changes than this and a resuming subscriber is told to reload its view instead. */
    public static final int BACKLOG_LIMIT = 500;
    private static final int BATCH = 1000;
    private static final Logger LOG = Logger.getLogger(MonitorChangeFeed.class);

    /** What a subscriber is told. Calls for one subscriber never overlap. */
    public interface Listener {
        /** Sent first: the change number the subscription starts after. */
        void ready(long sequence);

        /** Changed monitors matching the filter, in change order. */
        void changed(List<MonitorChange> changes);

        /** Too much was missed to replay: reload everything; later changes come after {@code sequence}. */
        void resync(long sequence);

        void heartbeat();
    }

    /** An open subscription; closing it (or a listener that throws) ends the deliveries. */
    public final class Subscription implements AutoCloseable {
        private final MonitorFilter filter;
        private final Listener listener;
        private long lastSent;

        private Subscription(MonitorFilter filter, Listener listener) {
            this.filter = filter;
            this.listener = listener;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    private final MonitorChangeRepository changes;
    private final ReadModelVersion versions;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> new Thread(r, "monitor-change-feed"));
    private final AtomicBoolean dispatchQueued = new AtomicBoolean();
    /** Newest change number delivered to the subscribers; -1 while nobody listens (nothing is read then). */
    private long delivered = -1;

    public MonitorChangeFeed(MonitorChangeRepository changes, ReadModelVersion versions) {
        this.changes = changes;
        this.versions = versions;
    }

    /** Starts after {@code resumeAfter} (replaying what was missed) or, without it, after the newest change. */
    public synchronized Subscription subscribe(MonitorFilter filter, OptionalLong resumeAfter, Listener listener)
            throws SQLException {
        if (delivered < 0) {
            delivered = changes.newest();
        }
        Subscription subscription = new Subscription(filter, listener);
        if (resumeAfter.isEmpty()) {
            subscription.lastSent = delivered;
            listener.ready(delivered);
        } else {
            List<MonitorChange> missed = changes.after(resumeAfter.getAsLong(), filter, BACKLOG_LIMIT + 1);
            if (missed.size() > BACKLOG_LIMIT) {
                subscription.lastSent = Math.max(delivered, missed.get(missed.size() - 1).sequence());
                listener.resync(subscription.lastSent);
            } else {
                subscription.lastSent = missed.isEmpty() ? resumeAfter.getAsLong() : missed.get(missed.size() - 1).sequence();
                listener.ready(resumeAfter.getAsLong());
                if (!missed.isEmpty()) {
                    listener.changed(missed);
                }
            }
        }
        subscriptions.add(subscription);
        return subscription;
    }

    /** The projector's hook: runs after its transaction committed, never inside it. */
    void onProjected(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReadModelChanged event) {
        requestDispatch();
    }

    /** Catches changes committed by another instance of the service, and sends the keep-alives. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        requestDispatch();
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void keepAlive() {
        subscriptions.forEach(s -> deliver(s, () -> s.listener.heartbeat()));
    }

    /** Wake-ups arriving while a dispatch is queued fold into it; none after shutdown began. */
    private void requestDispatch() {
        if (!dispatchQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            dispatcher.execute(() -> {
                dispatchQueued.set(false);
                try {
                    dispatch();
                } catch (SQLException | RuntimeException e) {
                    LOG.warnf("live changes not read this time (the next wake-up retries): %s", e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            dispatchQueued.set(false); // shutting down
        }
    }

    private synchronized void dispatch() throws SQLException {
        if (subscriptions.isEmpty()) {
            delivered = -1;
            return;
        }
        if (delivered < 0) {
            delivered = changes.newest();
            return;
        }
        List<MonitorChange> batch;
        do {
            batch = changes.after(delivered, MonitorFilter.none(), BATCH);
            if (!batch.isEmpty()) {
                versions.refresh(); // a subscriber that reloads on these events must not get an answer cached before them
            }
            for (Subscription s : subscriptions) {
                List<MonitorChange> mine = batch.stream()
                        .filter(c -> c.sequence() > s.lastSent && matches(s.filter, c.monitor())).toList();
                if (!mine.isEmpty()) {
                    deliver(s, () -> s.listener.changed(mine));
                    s.lastSent = mine.get(mine.size() - 1).sequence();
                }
            }
            if (!batch.isEmpty()) {
                delivered = batch.get(batch.size() - 1).sequence();
            }
        } while (batch.size() == BATCH);
    }

    private void deliver(Subscription s, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.debugf("dropping a live subscriber: %s", e.getMessage());
            s.close();
        }
    }

    static boolean matches(MonitorFilter f, MonitorRow m) {
        return f.marketType().map(t -> t.wire().equals(m.marketType())).orElse(true)
                && (f.statuses().isEmpty() || f.statuses().stream().anyMatch(st -> st.wire().equals(m.status())))
                && f.interval().map(i -> i.wire().equals(m.interval())).orElse(true)
                && f.symbol().map(sym -> sym.equals(m.symbol())).orElse(true);
    }

    @PreDestroy
    void stop() {
        dispatcher.shutdownNow();
    }
}
