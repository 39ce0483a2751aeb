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
import java.util.List;

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

    /** Two queries for the whole round: each monitor once however many of its transitions (and subscriptions) are asked for. */
    public Map<Key, AlertPayload> build(Collection<Key> keys) throws SQLException {
        List<Long> ids = keys.stream().map(Key::monitorId).distinct().toList();
        Map<Long, MonitorRow> rows = new HashMap<>();
        monitors.findAll(ids).forEach(m -> rows.put(m.id(), m));
        Map<Long, List<TransitionRecord>> logs = monitors.transitionsOf(ids);
        Map<Key, AlertPayload> out = new HashMap<>();
        for (Key key : keys) {
            MonitorRow monitor = rows.get(key.monitorId());
            logs.getOrDefault(key.monitorId(), List.of()).stream().filter(t -> t.sequence() == key.sequence()).findFirst()
                    .filter(t -> monitor != null).ifPresent(t -> out.put(key, payload(monitor, t)));
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

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
