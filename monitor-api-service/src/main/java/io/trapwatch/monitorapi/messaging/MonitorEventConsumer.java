package io.trapwatch.monitorapi.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.model.MonitorStateChangedValidator;
import io.trapwatch.model.Topics;
import io.trapwatch.monitorapi.service.MonitorProjector;
import io.trapwatch.monitorapi.service.ProjectionLoad;
import io.trapwatch.service.messaging.EventReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * MonitorStateChanged records, a polled batch at a time (one transaction per batch). Offsets are committed after
 * the batch is applied; a redelivered batch is harmless because the projector ignores versions it already holds.
 */
@ApplicationScoped
public class MonitorEventConsumer {

    private final EventReader<MonitorStateChanged> reader;
    private final MonitorProjector projector;
    private final TransientRetry retry;
    private final ProjectionLoad load;

    public MonitorEventConsumer(ObjectMapper mapper, MonitorProjector projector, TransientRetry retry,
                                ProjectionLoad load) {
        this.reader = new EventReader<>(mapper, MonitorStateChanged.class, MonitorStateChangedValidator::problem);
        this.projector = projector;
        this.retry = retry;
        this.load = load;
    }

    @Incoming(Topics.MONITOR_STATE_CHANGED_IN)
    @Blocking
    public void onEvents(List<String> records) {
        load.applied(records.size());
        List<MonitorStateChanged> events = reader.readAll(records);
        retry.run("monitor-state-changed batch", () -> projector.apply(events));
    }
}
