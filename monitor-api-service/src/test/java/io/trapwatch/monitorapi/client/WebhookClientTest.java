package io.trapwatch.monitorapi.client;

import io.trapwatch.monitorapi.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The per-URL lanes over real HTTP: concurrency bound, queue, room, hold and release. */
class WebhookClientTest {

    private static final int PER_URL = 2;
    private static final int QUEUE = 3;

    private final WebhookReceiver receiver = new WebhookReceiver();
    private static final int QUEUE_TOTAL = 4;

    private final WebhookClient client = new WebhookClient(Duration.ofSeconds(30), PER_URL, QUEUE, QUEUE_TOTAL);
    private final List<Optional<String>> results = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        receiver.close();
    }

    @Test
    void aUrlHasItsSlotsInFlightAndItsQueueStartsAsSlotsFree() {
        receiver.hold("/slow");
        String slow = receiver.url("/slow");
        for (int i = 0; i < PER_URL + QUEUE; i++) {
            assertThat(send(slow, i)).as("request %d fits in the lane", i).isTrue();
        }
        assertThat(client.room(slow)).isZero();
        assertThat(send(slow, 99)).as("a full lane refuses").isFalse();
        // Another URL is not held up by the slow one; its queue is what is left of the total (4 − 3 waiting).
        String other = receiver.url("/other");
        assertThat(client.room(other)).isEqualTo(PER_URL + QUEUE_TOTAL - QUEUE);
        assertThat(send(other, 1)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.acceptedAt("/other").size() == 1);
        assertThat(receiver.at("/slow")).as("the held requests have not been answered").isEmpty();

        receiver.release("/slow");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.acceptedAt("/slow").size() == PER_URL + QUEUE);
        await().atMost(Duration.ofSeconds(10)).until(() -> results.size() == PER_URL + QUEUE + 1);
        assertThat(results).containsOnly(Optional.empty());
        assertThat(client.room(slow)).isEqualTo(PER_URL + QUEUE);
    }

    @Test
    void heldLanesStartNothingUntilReleased() {
        String url = receiver.url("/held");
        AtomicBoolean catchingUp = new AtomicBoolean(true);
        client.holdWhile(catchingUp::get);
        assertThat(send(url, 1)).isTrue();
        assertThat(send(url, 2)).isTrue();
        assertThat(client.room(url)).isEqualTo(PER_URL + QUEUE - 2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> receiver.at("/held").isEmpty());

        catchingUp.set(false);
        client.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.acceptedAt("/held").size() == 2);
        assertThat(receiver.acceptedAt("/held")).extracting(WebhookReceiver.Received::idempotencyKey)
                .containsExactlyInAnyOrder("key-1", "key-2");
    }

    @Test
    void aReceiverErrorIsReportedAndFreesTheSlot() {
        String url = receiver.url("/down");
        receiver.failNext("/down", 1);
        assertThat(send(url, 1)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> results.size() == 1);
        assertThat(results.get(0)).contains("receiver answered HTTP 503");
        assertThat(client.room(url)).isEqualTo(PER_URL + QUEUE);
    }

    private boolean send(String url, int i) {
        return client.trySend(url, "secret-of-at-least-16", "key-" + i, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                results::add);
    }
}
