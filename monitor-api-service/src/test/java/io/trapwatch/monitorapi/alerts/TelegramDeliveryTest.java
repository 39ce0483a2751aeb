package io.trapwatch.monitorapi.alerts;

import io.trapwatch.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.infra.PostgresTestResource;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.monitorapi.support.Broker;
import io.trapwatch.monitorapi.support.Events;
import io.trapwatch.monitorapi.support.MarketDataStubResource;
import io.trapwatch.monitorapi.support.TelegramStub;
import io.trapwatch.monitorapi.support.TelegramStub.Message;
import io.trapwatch.monitorapi.support.TelegramStubResource;
import io.trapwatch.monitorapi.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.trapwatch.monitorapi.support.Alerts.awaitSettled;
import static io.trapwatch.monitorapi.support.Alerts.deliveries;
import static io.trapwatch.monitorapi.support.Alerts.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Alerts to a local Telegram Bot API stub over real HTTP: charts, one thread per monitor, and the per-chat limit. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MarketDataStubResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TelegramStubResource.class, restrictToAnnotatedClass = false)
class TelegramDeliveryTest {

    /** As configured for tests: 20 messages per 3-second window. */
    private static final int LIMIT = 20;
    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final Pattern ALERT_ID = Pattern.compile("([a-z]+:[A-Z0-9]+:[0-9a-z]+:\\d+) #(\\d+)");
    private static final TelegramStub TELEGRAM = TelegramStubResource.stub();

    @Inject
    TestClock clock;

    private static String telegram(String chatId, String filters) {
        return "{\"channel\":{\"type\":\"telegram\",\"bot_token_ref\":\"TRAPWATCH_TEST_BOT_TOKEN\",\"chat_id\":\"" + chatId + "\"},"
                + filters + "}";
    }

    @Test
    void anAlertCarriesAChartAndLaterOnesReplyToTheMonitorsFirstMessage() throws Exception {
        String chat = "-1001000000001";
        long id = subscribe(telegram(chat, "\"market_types\":[\"spot\"],\"intervals\":[\"4h\"],\"symbols\":[\"ETHUSDT\"]"));
        // Inside the recorded ETHUSDT 4h bars the market-data stub serves (from 2021-03-06).
        Events.Monitor m = new Events.Monitor(MarketType.SPOT, "ETHUSDT", Interval.H4, Instant.parse("2021-03-20T04:00:00Z"), "1810.01000000")
                .step(MonitorStatus.SUSPECTED_ABANDONMENT, "confirmation", 3, new BigDecimal("1790.50000000"), Events.confirmationSnapshot());
        Broker.send(m.version(1));
        awaitSettled(id, 1);
        Broker.send(m.version(2));
        awaitSettled(id, 2);

        List<Message> sent = TELEGRAM.toChat(chat);
        assertThat(sent).hasSize(2).allSatisfy(msg -> {
            assertThat(msg.method()).isEqualTo("sendPhoto");
            assertThat(msg.token()).isEqualTo("123456:test-token");
            BufferedImage chart = ImageIO.read(new ByteArrayInputStream(msg.photo()));
            assertThat(chart.getWidth()).isEqualTo(900);
            assertThat(chart.getHeight()).isEqualTo(500);
        });
        assertThat(sent.get(0).text()).startsWith("DISCOVERY · spot ETHUSDT 4h\nStatus: pending\nTrigger: 2021-03-20 04:00 UTC at 1810.01000000")
                .contains("RVOL 9.13").endsWith(m.key() + " #1");
        assertThat(sent.get(0).replyTo()).isNull();
        assertThat(sent.get(1).text()).startsWith("CONFIRMATION · spot ETHUSDT 4h\nStatus: suspected_abandonment (was pending)")
                .contains("volume retention 12.35").endsWith(m.key() + " #2");
        assertThat(sent.get(1).replyTo()).isEqualTo(sent.get(0).messageId());
        assertThat(deliveries(id)).extracting(d -> ((Number) d.get("telegram_message_id")).longValue())
                .containsExactlyInAnyOrder(sent.get(0).messageId(), sent.get(1).messageId());
    }

    /**
     * 200 new monitors at once for one chat. The test owns the clock: it stands still until the chat has had its 20
     * messages of the window (or everything went out), then moves one window on. Every message is stamped with the
     * window it arrived in, so the limit is checked per window without measuring any time.
     */
    @Test
    void aBurstOf200TransitionsToOneChatIsMergedWithinTwentyMessagesPerWindowAndNothingIsLost() {
        String chat = "-1001000000200";
        List<Events.Monitor> monitors = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            monitors.add(new Events.Monitor(MarketType.FUTURES, Events.uniqueSymbol(), Interval.H1,
                    Instant.parse("2025-10-01T00:00:00Z").plusSeconds(3600L * i), "0.18230000"));
        }
        String symbols = monitors.stream().map(m -> "\"" + m.symbol + "\"").collect(Collectors.joining(","));
        long id = subscribe(telegram(chat, "\"symbols\":[" + symbols + "]"));
        AtomicLong window = new AtomicLong();
        TELEGRAM.stampWith(window::get);
        clock.freeze();
        try {
            monitors.forEach(m -> Broker.send(m.version(1)));
            while (true) {
                long current = window.get();
                boolean allOut = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(
                        () -> deliveries(id).size() == 200 && deliveries(id).stream().allMatch(d -> "delivered".equals(d.get("status"))),
                        done -> done || inWindow(chat, current) >= LIMIT);
                if (allOut) {
                    break;
                }
                window.incrementAndGet();
                clock.advance(WINDOW.plusMillis(1));
            }
        } finally {
            clock.unfreeze();
            TELEGRAM.stampWith(() -> 0L);
        }

        List<Message> sent = TELEGRAM.toChat(chat);
        Map<Long, Long> perWindow = sent.stream().collect(Collectors.groupingBy(Message::stamp, Collectors.counting()));
        assertThat(perWindow.values()).allMatch(n -> n <= LIMIT);
        assertThat(sent.size()).isLessThan(200);
        assertThat(sent).anyMatch(msg -> msg.text().contains("alerts at once, merged"));

        Map<String, Integer> mentioned = new HashMap<>();
        for (Message msg : sent) {
            Matcher alert = ALERT_ID.matcher(msg.text());
            while (alert.find()) {
                mentioned.merge(alert.group(1) + "#" + alert.group(2), 1, Integer::sum);
            }
        }
        assertThat(mentioned).hasSize(200).allSatisfy((key, times) -> assertThat(times).as(key).isEqualTo(1));
        assertThat(mentioned.keySet()).containsExactlyInAnyOrderElementsOf(monitors.stream().map(m -> m.key() + "#1").toList());
    }

    private static long inWindow(String chat, long window) {
        return TELEGRAM.toChat(chat).stream().filter(m -> m.stamp() == window).count();
    }
}
