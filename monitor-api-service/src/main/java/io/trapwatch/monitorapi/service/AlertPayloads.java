package io.trapwatch.monitorapi.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.monitorapi.config.AlertsConfig;
import io.trapwatch.monitorapi.domain.AlertPayload;
import io.trapwatch.monitorapi.domain.IndicatorSnapshotView;
import io.trapwatch.monitorapi.domain.PriceChange;
import io.trapwatch.monitorapi.repository.MonitorReadRepository;
import io.trapwatch.monitorapi.repository.MonitorRow;
import io.trapwatch.monitorapi.repository.TransitionRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Alert bodies from the read model: the monitor as it is now plus the transition being announced. */
@ApplicationScoped
public class AlertPayloads {

    private static final TypeReference<Map<String, Object>> SNAPSHOT = new TypeReference<>() {
    };

    private final MonitorReadRepository monitors;
    private final ObjectMapper mapper;
    private final String dashboardUrl;

    public AlertPayloads(MonitorReadRepository monitors, ObjectMapper mapper, AlertsConfig config) {
        this.monitors = monitors;
        this.mapper = mapper;
        this.dashboardUrl = config.dashboardUrl().replaceAll("/+$", "");
    }

    /** Key of a payload: monitor id and sequence. */
    public record Key(long monitorId, int sequence) {
    }

    /** Each monitor is read once however many of its transitions (and subscriptions) are asked for. */
    public Map<Key, AlertPayload> build(Collection<Key> keys) throws SQLException {
        Map<Key, AlertPayload> out = new HashMap<>();
        Map<Long, Optional<MonitorRow>> rows = new HashMap<>();
        Map<Long, Map<Integer, TransitionRecord>> logs = new HashMap<>();
        for (Key key : keys) {
            Optional<MonitorRow> monitor = rows.computeIfAbsent(key.monitorId(), this::find);
            TransitionRecord t = logs.computeIfAbsent(key.monitorId(), this::log).get(key.sequence());
            if (monitor.isPresent() && t != null) {
                out.put(key, payload(monitor.get(), t));
            }
        }
        return out;
    }

    public byte[] json(AlertPayload payload) {
        try {
            return mapper.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert payload cannot be written as JSON", e);
        }
    }

    private AlertPayload payload(MonitorRow m, TransitionRecord t) {
        Map<String, Object> values;
        try {
            values = mapper.readValue(t.indicatorsJson(), SNAPSHOT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored indicator snapshot is not JSON", e);
        }
        return new AlertPayload(m.monitorKey(), t.sequence(), m.id(), m.marketType(), m.symbol(), m.interval(),
                t.fromStatus(), t.toStatus(), t.reason(), t.barTime(), text(t.barClose()), m.triggerTime(),
                text(m.triggerPrice()), text(m.triggerVolume()), text(m.currentPrice()),
                PriceChange.percent(m.triggerPrice(), m.currentPrice()),
                IndicatorSnapshotView.of(t.sequence(), t.barTime(), t.reason(), t.barClose(), values),
                dashboardUrl + "/dashboard/monitors/" + m.id());
    }

    private Optional<MonitorRow> find(long id) {
        try {
            return monitors.find(id);
        } catch (SQLException e) {
            throw new IllegalStateException("monitor " + id + " cannot be read", e);
        }
    }

    private Map<Integer, TransitionRecord> log(long id) {
        try {
            Map<Integer, TransitionRecord> bySequence = new HashMap<>();
            monitors.transitions(id).forEach(t -> bySequence.put(t.sequence(), t));
            return bySequence;
        } catch (SQLException e) {
            throw new IllegalStateException("transitions of monitor " + id + " cannot be read", e);
        }
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
