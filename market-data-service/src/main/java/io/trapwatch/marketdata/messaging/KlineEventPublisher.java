package io.trapwatch.marketdata.messaging;

import io.trapwatch.model.KlineClosed;

import java.time.Duration;
import java.util.List;

/** Sends kline-closed events to the broker and reports how many leading events it acknowledged. */
public interface KlineEventPublisher {

    /**
     * Sends {@code events} in order and waits up to {@code ackTimeout} for the acknowledgements.
     *
     * @return the length of the longest prefix of {@code events} the broker acknowledged
     */
    int publish(List<KlineClosed> events, Duration ackTimeout);
}
