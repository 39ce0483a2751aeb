package io.trapwatch.detection.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.detection.domain.MonitorState;
import io.trapwatch.detection.domain.Transition;
import io.trapwatch.detection.repository.MonitorRows;
import io.trapwatch.detection.repository.OutboxEntity;
import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.model.SeriesKey;
import io.trapwatch.model.Topics;
import org.jboss.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Records one engine transition: the monitor row, the log row with its indicator snapshot, and the outgoing
 * event in the outbox, all in the caller's transaction (the one that advances the series cursor).
 */
@ApplicationScoped
public class MonitorRecorder {

    private static final Logger LOG = Logger.getLogger(MonitorRecorder.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    MonitorRows rows;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(SeriesKey series, ClosedBar bar, Transition t, Instant now) {
        if (t.barOpenTime() != bar.openTimeMillis() || (t.from() == null && t.triggerTime() != bar.openTimeMillis())) {
            throw new IllegalStateException("engine reported a transition for bar " + t.barOpenTime()
                    + " (trigger " + t.triggerTime() + ") while processing bar " + bar.openTimeMillis());
        }
        String key = MonitorStateChanged.monitorKey(series, Instant.ofEpochMilli(t.triggerTime()));
        MonitorState after = t.after();
        MonitorRows.Change change = new MonitorRows.Change(t.to(), after.phase1Passed(), after.phase2Passed(),
                after.phase3Passed(), after.confirmTime() < 0 ? null : Instant.ofEpochMilli(after.confirmTime()),
                bar.openTime(), bar.close());
        MonitorRows.Monitor monitor = t.from() == null
                ? rows.create(key, series.marketType(), series.symbol(), series.interval(), bar.openTime(), bar.close(),
                        bar.high(), bar.low(), bar.volume(), change, now)
                : rows.advance(key, change, now);
        MonitorRows.Transition logged = new MonitorRows.Transition(monitor.version(), t.from(), t.to(), bar.openTime(),
                bar.close(), t.reason(), new LinkedHashMap<>(t.indicators()), now);
        List<MonitorRows.Transition> log = new ArrayList<>(t.from() == null ? List.of() : rows.transitions(monitor.id()));
        rows.log(monitor.id(), logged);
        log.add(logged);

        // Correlation: the same series key and open time as market-data-service's ingest log of this bar.
        LOG.infof("transition series=%s open_time=%s monitor=%s from=%s to=%s reason=%s", series.asKafkaKey(),
                bar.openTime(), key, t.from() == null ? "-" : t.from().wire(), t.to().wire(), t.reason());
        MonitorStateChanged event = MonitorEvents.changed(monitor, log, now);
        OutboxEntity.persistAll(List.of(
                OutboxEntity.of(Topics.MONITOR_STATE_CHANGED, series.asKafkaKey(), event.eventId(), json(event), now)));
    }

    private String json(MonitorStateChanged event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.eventId(), e);
        }
    }
}
