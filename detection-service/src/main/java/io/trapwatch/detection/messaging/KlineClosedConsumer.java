package io.trapwatch.detection.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.detection.service.LiveBarIntake;
import io.trapwatch.model.KlineClosed;
import io.trapwatch.model.KlineClosedValidator;
import io.trapwatch.model.SeriesKey;
import io.trapwatch.model.Topics;
import io.trapwatch.service.messaging.EventReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
 * Except while the service stops: a batch failing then (its persistence may already be closed) is not skipped but
 * thrown back uncommitted, so the instance that takes the partition processes it.
 */
@ApplicationScoped
public class KlineClosedConsumer {

    private static final Logger LOG = Logger.getLogger(KlineClosedConsumer.class);

    @Inject
    LiveBarIntake intake;

    private final EventReader<KlineClosed> reader;
    private volatile boolean stopping;

    @Inject
    KlineClosedConsumer(ObjectMapper mapper) {
        this.reader = new EventReader<>(mapper, KlineClosed.class, KlineClosedValidator::problem);
    }

    @Incoming(Topics.KLINE_CLOSED_IN)
    @Blocking
    public void onKlineClosed(List<String> records) {
        List<KlineClosed> events = reader.readAll(records);
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
            leaveForRedeliveryIfStopping(events.size(), batchFailure);
            LOG.warnf("batch of %d kline-closed events failed (%s); processing them one by one", events.size(),
                    batchFailure.getMessage());
            for (KlineClosed e : events) {
                try {
                    intake.accept(e.series(), ClosedBar.of(e.kline()));
                } catch (RuntimeException failure) {
                    leaveForRedeliveryIfStopping(events.size(), failure);
                    LOG.errorf("kline-closed event %s failed and is skipped: %s", e.eventId(), failure.getMessage());
                }
            }
        }
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Thrown out of the method, the failure leaves the batch uncommitted (failure strategy {@code fail}); the records
     * processed so far are skipped on redelivery by their series cursors.
     */
    private void leaveForRedeliveryIfStopping(int records, RuntimeException failure) {
        if (stopping) {
            throw new IllegalStateException("stopping: a batch of " + records
                    + " kline-closed events is left uncommitted for redelivery", failure);
        }
    }
}
