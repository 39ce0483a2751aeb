package io.trapwatch.detection.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.trapwatch.detection.service.ClosedBar;
import io.trapwatch.detection.service.LiveBarIntake;
import io.trapwatch.model.KlineClosed;
import io.trapwatch.model.SeriesKey;
import io.trapwatch.model.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live path: kline-closed events arrive in batches (one poll), in partition (= series) order. A batch is
 * processed in one transaction — per series, its bars in open-time order through the shared step — and its
 * offsets are committed only after that transaction. Idempotency is the series cursor, checked under lock.
 * If the batch transaction fails (e.g. market-data-service unreachable while filling one series' gap), the
 * records are retried one transaction each, so one bad record cannot hold back the others; a record that
 * still fails is logged and skipped, and the next bar of its series finds the gap and fetches the missed bars.
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
    public void onKlineClosed(List<String> records) {
        List<KlineClosed> events = new ArrayList<>(records.size());
        for (String json : records) {
            KlineClosed event = parse(json);
            if (event != null) {
                events.add(event);
            }
        }
        if (events.isEmpty()) {
            return;
        }
        Map<SeriesKey, List<ClosedBar>> bySeries = new LinkedHashMap<>();
        for (KlineClosed e : events) {
            bySeries.computeIfAbsent(e.series(), k -> new ArrayList<>()).add(ClosedBar.of(e.kline()));
        }
        try {
            intake.acceptAll(bySeries);
        } catch (RuntimeException batchFailure) {
            LOG.warnf("batch of %d kline-closed events failed (%s); processing them one by one", events.size(),
                    batchFailure.getMessage());
            for (KlineClosed e : events) {
                try {
                    intake.accept(e.series(), ClosedBar.of(e.kline()));
                } catch (RuntimeException failure) {
                    LOG.errorf("kline-closed event %s failed and is skipped: %s", e.eventId(), failure.getMessage());
                }
            }
        }
    }

    /** A record nobody can ever parse, or an incomplete event, is dropped: it must not stop the series behind it. */
    private KlineClosed parse(String json) {
        try {
            KlineClosed event = mapper.readValue(json, KlineClosed.class);
            if (event.marketType() == null || event.symbol() == null || event.interval() == null || event.kline() == null) {
                LOG.errorf("dropping incomplete kline-closed event %s", event.eventId());
                return null;
            }
            return event;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.errorf("dropping unreadable kline-closed record: %s", e.getMessage());
            return null;
        }
    }
}
