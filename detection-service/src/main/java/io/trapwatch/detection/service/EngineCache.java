package io.trapwatch.detection.service;

import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.detection.domain.DetectionSettings;
import io.trapwatch.detection.domain.MonitorState;
import io.trapwatch.detection.domain.SeriesEngine;
import io.trapwatch.detection.repository.MonitorEntity;
import io.trapwatch.detection.repository.SeriesBarEntity;
import io.trapwatch.detection.repository.SeriesStateEntity;
import io.trapwatch.model.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One engine per series, kept in memory between bars. An engine is trusted only while it has seen exactly
 * the bars the database says were processed; otherwise (first use after a restart, or a rolled-back
 * transaction that had already fed it a bar) it is rebuilt from this service's own tables.
 */
@ApplicationScoped
public class EngineCache {

    private final ConcurrentHashMap<SeriesKey, SeriesEngine> engines = new ConcurrentHashMap<>();

    @Inject
    DetectionSettings settings;

    /** The engine positioned at the series' cursor. Call with the series row locked. */
    SeriesEngine engineAt(SeriesStateEntity state) {
        long cursor = state.lastOpenTime == null ? Long.MIN_VALUE : state.lastOpenTime.toEpochMilli();
        SeriesEngine cached = engines.get(state.key());
        if (cached != null && cached.lastOpenTime() == cursor) {
            return cached;
        }
        SeriesEngine rebuilt = rebuild(state);
        engines.put(state.key(), rebuilt);
        return rebuilt;
    }

    private SeriesEngine rebuild(SeriesStateEntity state) {
        if (state.lastOpenTime == null) {
            return new SeriesEngine(settings);
        }
        List<io.trapwatch.detection.domain.Bar> history = SeriesBarEntity
                .latest(state.id, SeriesEngine.historyNeeded(settings)).stream().map(ClosedBar::toBar).toList();
        List<MonitorState> open = MonitorEntity.openOf(state.key()).stream().map(MonitorEntity::toState).toList();
        return SeriesEngine.restore(settings, history, open);
    }

    /** Forgets every engine, as a process restart would; used by the restart tests. */
    void forgetAll() {
        engines.clear();
    }
}
