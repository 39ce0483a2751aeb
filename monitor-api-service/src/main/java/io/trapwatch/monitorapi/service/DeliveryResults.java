package io.trapwatch.monitorapi.service;

import io.trapwatch.monitorapi.repository.DeliveryRepository.Due;

import java.time.Duration;
import java.util.List;

/** Where a channel reports what became of the deliveries it was handed. */
interface DeliveryResults {

    /** One attempt ended; {@code error} null means delivered. {@code retryAfter}: the receiver asked for a pause. */
    void finished(Due due, String error, Long messageId, Duration retryAfter);

    /** Not attempted after all (the chat's window is used up, the database hiccupped): due again on a later poll. */
    void notAttempted(List<Due> dues);
}
