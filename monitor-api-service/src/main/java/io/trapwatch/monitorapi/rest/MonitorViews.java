package io.trapwatch.monitorapi.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.monitorapi.domain.DecimalText;
import io.trapwatch.monitorapi.domain.IndicatorSnapshotView;
import io.trapwatch.monitorapi.domain.PriceChange;
import io.trapwatch.monitorapi.repository.MonitorRow;
import io.trapwatch.monitorapi.repository.OutcomeRow;
import io.trapwatch.monitorapi.repository.TransitionRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** Turns stored rows into the API's representations. */
@ApplicationScoped
public class MonitorViews {

    private static final TypeReference<Map<String, Object>> SNAPSHOT = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public MonitorViews(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public MonitorSummaryView summary(MonitorRow m, OutcomeRow outcome) {
        return new MonitorSummaryView(m.id(), m.monitorKey(), m.marketType(), m.symbol(), m.interval(), m.status(),
                m.triggerTime(), DecimalText.of(m.triggerPrice()), DecimalText.of(m.triggerVolume()),
                DecimalText.of(m.triggerHigh()), DecimalText.of(m.triggerLow()), m.phase1Passed(), m.phase2Passed(),
                m.phase3Passed(), DecimalText.of(m.currentPrice()),
                PriceChange.percent(m.triggerPrice(), m.currentPrice()),
                m.latestIndicatorsJson(),
                m.createdAt(), m.updatedAt(), outcome == null ? null : OutcomeView.of(outcome));
    }

    public MonitorDetailView detail(MonitorRow m, OutcomeRow outcome, List<TransitionRecord> log) {
        List<TransitionView> transitions = log.stream().map(t -> new TransitionView(t.sequence(), t.fromStatus(),
                t.toStatus(), t.barTime(), DecimalText.of(t.barClose()), t.reason(), t.recordedAt(),
                IndicatorSnapshotView.of(t.sequence(), t.barTime(), t.reason(), t.barClose(), snapshot(t.indicatorsJson()))))
                .toList();
        return new MonitorDetailView(summary(m, outcome), m.version(), transitions);
    }

    private Map<String, Object> snapshot(String json) {
        try {
            return mapper.readValue(json, SNAPSHOT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored indicator snapshot is not JSON", e);
        }
    }

}
