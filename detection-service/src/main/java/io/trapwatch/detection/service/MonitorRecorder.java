package io.trapwatch.detection.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.detection.domain.MonitorState;
import io.trapwatch.detection.domain.Transition;
import io.trapwatch.detection.repository.MonitorEntity;
import io.trapwatch.detection.repository.MonitorTransitionEntity;
import io.trapwatch.detection.repository.OutboxEntity;
import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.model.SeriesKey;
import io.trapwatch.model.Topics;
import org.jboss.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * Records one engine transition: the monitor row, the log row with its indicator snapshot, and the outgoing
 * event in the outbox, all in the caller's transaction (the one that advances the series cursor).
 */
@ApplicationScoped
public class MonitorRecorder {

    private static final Logger LOG = Logger.getLogger(MonitorRecorder.class);

    @Inject
    ObjectMapper mapper;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(SeriesKey series, ClosedBar bar, Transition t, Instant now) {
        if (t.barOpenTime() != bar.openTimeMillis() || (t.from() == null && t.triggerTime() != bar.openTimeMillis())) {
            throw new IllegalStateException("engine reported a transition for bar " + t.barOpenTime()
                    + " (trigger " + t.triggerTime() + ") while processing bar " + bar.openTimeMillis());
        }
        Instant triggerTime = Instant.ofEpochMilli(t.triggerTime());
        String key = MonitorStateChanged.monitorKey(series, triggerTime);
        MonitorEntity monitor = t.from() == null ? create(series, key, bar, now)
                : MonitorEntity.findByKey(key).orElseThrow(() -> new IllegalStateException(
                        "engine moved monitor " + key + " that was never recorded"));
        MonitorState after = t.after();
        monitor.status = t.to();
        monitor.phase1Passed = after.phase1Passed();
        monitor.phase2Passed = after.phase2Passed();
        monitor.phase3Passed = after.phase3Passed();
        monitor.confirmTime = after.confirmTime() < 0 ? null : Instant.ofEpochMilli(after.confirmTime());
        monitor.lastBarTime = bar.openTime();
        monitor.lastClose = bar.close();
        monitor.version++;
        monitor.updatedAt = now;

        MonitorTransitionEntity log = new MonitorTransitionEntity();
        log.monitor = monitor;
        log.sequence = monitor.version;
        log.fromStatus = t.from();
        log.toStatus = t.to();
        log.barTime = bar.openTime();
        log.barClose = bar.close();
        log.reason = t.reason();
        log.indicators = new LinkedHashMap<>(t.indicators());
        log.recordedAt = now;
        monitor.transitions.add(log);
        if (monitor.id == null) {
            monitor.persist();
        } else {
            log.persist();
        }

        // Correlation: the same series key and open time as market-data-service's ingest log of this bar.
        LOG.infof("transition series=%s open_time=%s monitor=%s from=%s to=%s reason=%s", series.asKafkaKey(),
                bar.openTime(), key, t.from() == null ? "-" : t.from().wire(), t.to().wire(), t.reason());
        MonitorStateChanged event = MonitorEvents.changed(monitor, now);
        OutboxEntity.of(Topics.MONITOR_STATE_CHANGED, series.asKafkaKey(), event.eventId(), json(event), now).persist();
    }

    private static MonitorEntity create(SeriesKey series, String key, ClosedBar trigger, Instant now) {
        MonitorEntity m = new MonitorEntity();
        m.monitorKey = key;
        m.marketType = series.marketType();
        m.symbol = series.symbol();
        m.interval = series.interval();
        m.triggerTime = trigger.openTime();
        m.triggerPrice = trigger.close();
        m.triggerHigh = trigger.high();
        m.triggerLow = trigger.low();
        m.triggerVolume = trigger.volume();
        m.version = 0;
        m.createdAt = now;
        return m;
    }

    private String json(MonitorStateChanged event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.eventId(), e);
        }
    }
}
