package io.trapwatch.monitorapi.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.model.Topics;
import io.trapwatch.monitorapi.domain.EventCheck;
import io.trapwatch.monitorapi.service.MonitorProjector;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MonitorStateChanged records, a polled batch at a time (one transaction per batch). Offsets are committed after
 * the batch is applied; a redelivered batch is harmless because the projector ignores versions it already holds.
 */
@ApplicationScoped
public class MonitorEventConsumer {

    private static final Logger LOG = Logger.getLogger(MonitorEventConsumer.class);

    private final ObjectMapper mapper;
    private final MonitorProjector projector;
    private final TransientRetry retry;

    public MonitorEventConsumer(ObjectMapper mapper, MonitorProjector projector, TransientRetry retry) {
        this.mapper = mapper;
        this.projector = projector;
        this.retry = retry;
    }

    @Incoming(Topics.MONITOR_STATE_CHANGED_IN)
    @Blocking
    public void onEvents(List<String> records) {
        List<MonitorStateChanged> events = new ArrayList<>(records.size());
        for (String json : records) {
            read(json).ifPresent(events::add);
        }
        retry.run("monitor-state-changed batch", () -> projector.apply(events));
    }

    private Optional<MonitorStateChanged> read(String json) {
        try {
            MonitorStateChanged event = mapper.readValue(json, MonitorStateChanged.class);
            Optional<String> problem = event == null ? Optional.of("empty record") : EventCheck.problem(event);
            if (problem.isPresent()) {
                LOG.errorf("dropping monitor-state-changed event %s: %s", event == null ? null : event.eventId(), problem.get());
                return Optional.empty();
            }
            return Optional.of(event);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // A record nobody can ever read must not block the monitors behind it.
            LOG.errorf("dropping unreadable monitor-state-changed record: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
