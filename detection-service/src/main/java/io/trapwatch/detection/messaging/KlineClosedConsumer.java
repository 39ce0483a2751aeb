package io.trapwatch.detection.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.trapwatch.detection.service.ClosedBar;
import io.trapwatch.detection.service.LiveBarIntake;
import io.trapwatch.model.KlineClosed;
import io.trapwatch.model.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Live path: every kline-closed event, in partition (= series) order, one transaction each. Idempotency is
 * the series cursor checked under lock in that transaction. A failure (e.g. market-data-service unreachable
 * while filling a gap) rolls the bar back and is logged; the next bar of the series finds the gap and
 * fetches the missed bars, and a catch-up scan does the same on demand.
 */
@ApplicationScoped
public class KlineClosedConsumer {

    private static final Logger LOG = Logger.getLogger(KlineClosedConsumer.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    LiveBarIntake intake;

    @Incoming(Topics.KLINE_CLOSED_IN)
    @Blocking
    @Transactional
    public void onKlineClosed(String json) {
        KlineClosed event;
        try {
            event = mapper.readValue(json, KlineClosed.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // A record nobody can ever parse must not stop the series behind it.
            LOG.errorf("dropping unreadable kline-closed record: %s", e.getMessage());
            return;
        }
        if (event.marketType() == null || event.symbol() == null || event.interval() == null || event.kline() == null) {
            LOG.errorf("dropping incomplete kline-closed event %s", event.eventId());
            return;
        }
        intake.accept(event.series(), ClosedBar.of(event.kline()));
    }
}
