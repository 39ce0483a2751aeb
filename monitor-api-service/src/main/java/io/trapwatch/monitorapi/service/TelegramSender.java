package io.trapwatch.monitorapi.service;

import io.trapwatch.monitorapi.client.TelegramClient;
import io.trapwatch.monitorapi.client.TelegramClient.TelegramFailure;
import io.trapwatch.monitorapi.config.AlertsConfig;
import io.trapwatch.monitorapi.domain.AlertPayload;
import io.trapwatch.monitorapi.domain.AlertText;
import io.trapwatch.monitorapi.domain.ChatPlan;
import io.trapwatch.monitorapi.repository.DeliveryRepository.Due;
import io.trapwatch.monitorapi.repository.StoredSubscription;
import io.trapwatch.monitorapi.repository.TelegramRepository;
import io.trapwatch.monitorapi.repository.TelegramRepository.ChatWindow;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends alerts to Telegram chats, one chat at a time per chat (so its order and its limit hold), on threads of its
 * own. Per chat at most {@code messages-per-window} messages per window: waiting alerts go out one message each while
 * they fit in what is left of the window, otherwise merged into one summary message (as many lines as Telegram takes;
 * the rest follow in the next one). A monitor's later alerts reply to the first message that mentioned it.
 */
@ApplicationScoped
public class TelegramSender {

    private static final Logger LOG = Logger.getLogger(TelegramSender.class);
    private static final int CAPTION_LIMIT = 1024;

    private final TelegramClient client;
    private final TelegramRepository bookkeeping;
    private final AlertChart charts;
    private final Clock clock;
    private final int limit;
    private final Duration window;
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "telegram-sender");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Boolean> busy = new ConcurrentHashMap<>();
    private final Map<String, Instant> windowFullUntil = new ConcurrentHashMap<>();

    public TelegramSender(TelegramClient client, TelegramRepository bookkeeping, AlertChart charts, AlertsConfig config,
                          Clock clock) {
        this.client = client;
        this.clock = clock;
        this.bookkeeping = bookkeeping;
        this.charts = charts;
        this.limit = config.telegram().messagesPerWindow();
        this.window = config.telegram().window();
    }

    /** An alert for a chat; items of one chat share a bot token reference and a chat id. */
    public record Item(Due due, StoredSubscription subscription, AlertPayload payload) {
    }

    /** Whether the chat would take alerts now: not busy sending, and its window not known to be full. */
    public boolean accepting(String chatKey) {
        Instant fullUntil = windowFullUntil.get(chatKey);
        return !busy.containsKey(chatKey) && (fullUntil == null || !clock.instant().isBefore(fullUntil));
    }

    /** Takes the chat's waiting alerts (oldest first) unless the chat is busy or its window is known to be full. */
    public boolean trySubmit(String chatKey, List<Item> items, DeliveryResults results) {
        if (!accepting(chatKey)) {
            return false;
        }
        if (busy.putIfAbsent(chatKey, Boolean.TRUE) != null) {
            return false;
        }
        pool.execute(() -> {
            try {
                send(chatKey, items, results);
            } catch (RuntimeException e) {
                LOG.errorf(e, "sending to telegram chat %s failed unexpectedly", chatKey);
                results.notAttempted(dues(items));
            } finally {
                busy.remove(chatKey);
            }
        });
        return true;
    }

    private void send(String chatKey, List<Item> items, DeliveryResults results) {
        Instant now = clock.instant();
        ChatWindow used;
        try {
            used = bookkeeping.sentSince(chatKey, now.minus(window));
        } catch (SQLException e) {
            results.notAttempted(dues(items));
            return;
        }
        switch (ChatPlan.of(items.size(), used.sent(), limit)) {
            case WAIT -> {
                windowFullUntil.put(chatKey, used.oldest().plus(window));
                results.notAttempted(dues(items));
            }
            case EACH -> items.forEach(item -> sendOne(chatKey, item, results));
            case SUMMARY -> sendSummary(chatKey, items, results);
        }
    }

    private void sendOne(String chatKey, Item item, DeliveryResults results) {
        StoredSubscription s = item.subscription();
        Optional<String> token = token(s);
        if (token.isEmpty()) {
            results.finished(item.due(), missingToken(s), null, null);
            return;
        }
        String key = item.payload().monitorKey();
        try {
            Long root = bookkeeping.threadRoots(s.id(), List.of(key)).get(key);
            String text = AlertText.single(item.payload());
            Optional<byte[]> png = charts.png(item.payload());
            bookkeeping.recordSend(chatKey, clock.instant());
            long messageId = png.isPresent()
                    ? client.sendPhoto(token.get(), s.telegramChatId(), png.get(), caption(text), root)
                    : client.sendMessage(token.get(), s.telegramChatId(), text, root);
            bookkeeping.saveThreadRoots(s.id(), List.of(key), messageId);
            results.finished(item.due(), null, messageId, null);
        } catch (TelegramFailure e) {
            results.finished(item.due(), e.getMessage(), null, retryAfter(e));
        } catch (SQLException e) {
            LOG.warnf("telegram bookkeeping failed, alert %s stays due: %s", key, e.getMessage());
            results.notAttempted(List.of(item.due()));
        }
    }

    private void sendSummary(String chatKey, List<Item> items, DeliveryResults results) {
        List<String> lines = items.stream().map(i -> AlertText.summaryLine(i.payload())).toList();
        int fits = AlertText.summaryFits(lines);
        List<Item> merged = items.subList(0, fits);
        results.notAttempted(dues(items.subList(fits, items.size())));
        StoredSubscription first = merged.get(0).subscription();
        Optional<String> token = token(first);
        if (token.isEmpty()) {
            merged.forEach(i -> results.finished(i.due(), missingToken(first), null, null));
            return;
        }
        try {
            bookkeeping.recordSend(chatKey, clock.instant());
            long messageId = client.sendMessage(token.get(), first.telegramChatId(), AlertText.summary(lines.subList(0, fits)), null);
            for (Item i : merged) {
                bookkeeping.saveThreadRoots(i.subscription().id(), List.of(i.payload().monitorKey()), messageId);
                results.finished(i.due(), null, messageId, null);
            }
        } catch (TelegramFailure e) {
            merged.forEach(i -> results.finished(i.due(), e.getMessage(), null, retryAfter(e)));
        } catch (SQLException e) {
            LOG.warnf("telegram bookkeeping failed, %d alerts stay due: %s", merged.size(), e.getMessage());
            results.notAttempted(dues(merged));
        }
    }

    /** The token lives in configuration (an environment variable, e.g. from a Kubernetes Secret), never in the database. */
    static Optional<String> token(StoredSubscription s) {
        return ConfigProvider.getConfig().getOptionalValue(s.telegramTokenRef(), String.class).filter(t -> !t.isBlank());
    }

    private static String missingToken(StoredSubscription s) {
        return "bot token reference " + s.telegramTokenRef() + " is not set in the service's environment";
    }

    private static String caption(String text) {
        return text.length() <= CAPTION_LIMIT ? text : text.substring(0, CAPTION_LIMIT - 1) + "…";
    }

    private static Duration retryAfter(TelegramFailure e) {
        return e.retryAfterSeconds() == null ? null : Duration.ofSeconds(e.retryAfterSeconds());
    }

    private static List<Due> dues(List<Item> items) {
        return items.stream().map(Item::due).toList();
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }
}
