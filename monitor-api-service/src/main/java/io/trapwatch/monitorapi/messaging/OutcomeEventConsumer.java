package io.trapwatch.monitorapi.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.trapwatch.model.Topics;
import io.trapwatch.model.outcome.MonitorOutcome;
import io.trapwatch.model.outcome.MonitorOutcomesChanged;
import io.trapwatch.monitorapi.service.OutcomeProjector;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MonitorOutcomesChanged records, a polled batch per transaction; offsets are committed after the batch is applied.
 * A redelivered batch is harmless: the projector keeps the highest version per monitor.
 */
@ApplicationScoped
public class OutcomeEventConsumer {

    private static final Logger LOG = Logger.getLogger(OutcomeEventConsumer.class);

    private final ObjectMapper mapper;
    private final OutcomeProjector projector;
    private final TransientRetry retry;

    public OutcomeEventConsumer(ObjectMapper mapper, OutcomeProjector projector, TransientRetry retry) {
        this.mapper = mapper;
        this.projector = projector;
        this.retry = retry;
    }

    @Incoming(Topics.MONITOR_OUTCOMES_CHANGED_IN)
    @Blocking
    public void onEvents(List<String> records) {
        List<MonitorOutcomesChanged> events = new ArrayList<>(records.size());
        for (String json : records) {
            read(json).ifPresent(events::add);
        }
        retry.run("monitor-outcomes-changed batch", () -> projector.apply(events));
    }

    private Optional<MonitorOutcomesChanged> read(String json) {
        try {
            MonitorOutcomesChanged event = mapper.readValue(json, MonitorOutcomesChanged.class);
            Optional<String> problem = problem(event);
            if (problem.isPresent()) {
                LOG.errorf("dropping monitor-outcomes-changed event %s: %s", event == null ? null : event.eventId(), problem.get());
                return Optional.empty();
            }
            return Optional.of(event);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // A record nobody can ever read must not block the outcomes behind it.
            LOG.errorf("dropping unreadable monitor-outcomes-changed record: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /** What makes an event unusable: no outcomes, or an outcome without identity, version or status. */
    static Optional<String> problem(MonitorOutcomesChanged event) {
        if (event == null || event.outcomes() == null) {
            return Optional.of("no outcomes");
        }
        for (MonitorOutcome o : event.outcomes()) {
            if (o == null || o.monitorKey() == null || o.version() < 1 || o.status() == null || o.triggerTime() == null) {
                return Optional.of("an outcome lacks its monitor_key, version, status or trigger time");
            }
        }
        return Optional.empty();
    }
}
