package io.trapwatch.monitorapi.service;

import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.monitorapi.repository.DeliveryRepository;
import io.trapwatch.monitorapi.repository.DeliveryRepository.NewTransition;
import io.trapwatch.monitorapi.repository.MonitorProjectionRepository.TransitionRow;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the transitions a projection just wrote as alerts to send, in the projection's own transaction: one row
 * per transition whatever the number of subscriptions, so the projection costs the same with 0 or 10,000 of them.
 * Matching and sending happen later, off the consumer thread ({@link DeliveryDispatcher}).
 */
@ApplicationScoped
public class AlertOutbox {

    private final DeliveryRepository deliveries;

    public AlertOutbox(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    public void record(Collection<MonitorStateChanged> events, Map<String, Long> ids, List<TransitionRow> written)
            throws SQLException {
        Map<Long, MonitorStateChanged> byId = new HashMap<>();
        for (MonitorStateChanged event : events) {
            byId.put(ids.get(event.monitorKey()), event);
        }
        List<NewTransition> rows = new ArrayList<>(written.size());
        for (TransitionRow row : written) {
            MonitorStateChanged m = byId.get(row.monitorId());
            rows.add(new NewTransition(m.monitorKey(), row.transition().sequence(), m.marketType().wire(),
                    m.symbol(), m.interval().wire(), row.transition().to().wire(),
                    // The liquidity floor is in quote currency: the trigger bar's base volume at its close.
                    m.triggerVolume().multiply(m.triggerPrice())));
        }
        deliveries.insertTransitions(rows, Instant.now());
    }
}
