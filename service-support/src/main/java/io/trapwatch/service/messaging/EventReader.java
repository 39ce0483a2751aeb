package io.trapwatch.service.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the JSON records of one event type and keeps those its validator (beside the wire type in common-model)
 * accepts. A record nobody can ever read, or one the validator rejects, is logged and dropped: it must not stop
 * the records behind it. Each drop is counted in {@code trapwatch_events_rejected_total{event_type, reason}}
 * ({@code unreadable} or {@code invalid}), so a poison record shows on the metrics, not only in the log.
 */
public final class EventReader<T> {

    private static final Logger LOG = Logger.getLogger(EventReader.class);

    /** Bound to the type once, instead of looking its deserializer up for every record. */
    private final ObjectReader reader;
    private final Class<T> type;
    private final Function<T, Optional<String>> validator;

    public EventReader(ObjectMapper mapper, Class<T> type, Function<T, Optional<String>> validator) {
        this.reader = mapper.readerFor(type);
        this.type = type;
        this.validator = validator;
        // registered at zero, so the series exists (and alert rules can watch it) before the first drop
        List.of("unreadable", "invalid").forEach(this::counter);
    }

    public Optional<T> read(String json) {
        try {
            T event = json == null ? null : reader.readValue(json);
            Optional<String> problem = event == null ? Optional.of("empty record") : validator.apply(event);
            if (problem.isPresent()) {
                LOG.errorf("dropping %s record: %s", type.getSimpleName(), problem.get());
                rejected("invalid");
                return Optional.empty();
            }
            return Optional.of(event);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.errorf("dropping unreadable %s record: %s", type.getSimpleName(), e.getMessage());
            rejected("unreadable");
            return Optional.empty();
        }
    }

    /** Global registry: Quarkus' composite, the one /q/metrics reads. */
    private void rejected(String reason) {
        counter(reason).increment();
    }

    private Counter counter(String reason) {
        return Metrics.counter("trapwatch.events.rejected", "event_type", type.getSimpleName(), "reason", reason);
    }

    /** The usable events of a polled batch, in record order. */
    public List<T> readAll(List<String> records) {
        List<T> events = new ArrayList<>(records.size());
        for (String json : records) {
            read(json).ifPresent(events::add);
        }
        return events;
    }
}
