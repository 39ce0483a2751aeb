package io.trapwatch.monitorapi.service;

import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.monitorapi.domain.CountKey;
import io.trapwatch.monitorapi.domain.DayCountKey;
import io.trapwatch.monitorapi.domain.NewestEvents;
import io.trapwatch.monitorapi.domain.ReadModelChanged;
import io.trapwatch.monitorapi.repository.MonitorProjectionRepository;
import io.trapwatch.monitorapi.repository.MonitorProjectionRepository.TransitionRow;
import io.trapwatch.monitorapi.repository.StoredMonitor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Projects MonitorStateChanged events into the read model, a batch per transaction. An event is applied only when
 * its version is above the stored one, so redeliveries and stale (older) events change nothing, and since each
 * event carries the whole monitor, a gap (v3 before v2) still yields the complete monitor.
 */
@ApplicationScoped
public class MonitorProjector {

    private final MonitorProjectionRepository repository;
    private final Event<ReadModelChanged> projected;
    private final AlertOutbox alerts;
    private final ReadModelVersion version;

    public MonitorProjector(MonitorProjectionRepository repository, Event<ReadModelChanged> projected, AlertOutbox alerts,
                            ReadModelVersion version) {
        this.repository = repository;
        this.projected = projected;
        this.alerts = alerts;
        this.version = version;
    }

    /** Returns how many monitors the batch created or changed. Events must already have passed {@code MonitorStateChangedValidator}. */
    @Transactional
    public int apply(List<MonitorStateChanged> events) throws SQLException {
        SortedMap<String, MonitorStateChanged> newest = NewestEvents.byMonitor(events);
        if (newest.isEmpty()) {
            return 0;
        }
        repository.lockProjection();
        Map<String, StoredMonitor> stored = repository.stored(newest.keySet());
        List<MonitorStateChanged> created = new ArrayList<>();
        List<MonitorStateChanged> changed = new ArrayList<>();
        SortedMap<DayCountKey, Long> dayDeltas = new TreeMap<>();
        for (MonitorStateChanged event : newest.values()) {
            StoredMonitor held = stored.get(event.monitorKey());
            DayCountKey now = DayCountKey.of(new CountKey(event.marketType(), event.interval(), event.status()), event.triggerTime());
            if (held == null) {
                created.add(event);
                dayDeltas.merge(now, 1L, Long::sum);
            } else if (event.version() > held.version()) {
                changed.add(event);
                dayDeltas.merge(DayCountKey.of(new CountKey(held.marketType(), held.interval(), held.status()), held.triggerTime()),
                        -1L, Long::sum);
                dayDeltas.merge(now, 1L, Long::sum);
            }
        }
        Map<String, Long> ids = new HashMap<>(repository.insert(created));
        stored.forEach((key, held) -> ids.put(key, held.id()));
        repository.update(changed, ids);
        List<TransitionRow> written = transitionsToWrite(created, changed, ids, stored);
        repository.upsertTransitions(written);
        alerts.record(newest.values(), ids, written); // same transaction: an alert exists iff its transition does
        dayDeltas.values().removeIf(delta -> delta == 0L);
        SortedMap<CountKey, Long> countDeltas = new TreeMap<>();
        dayDeltas.forEach((key, delta) -> countDeltas.merge(key.cell(), delta, Long::sum));
        countDeltas.values().removeIf(delta -> delta == 0L);
        repository.addCounts(countDeltas);
        repository.addDayCounts(dayDeltas);
        int monitors = created.size() + changed.size();
        if (monitors > 0) {
            version.raiseInTransaction(); // last: its row lock is held only until the commit
            projected.fire(new ReadModelChanged(monitors)); // observed after commit: the live feed (MonitorChangeFeed)
        }
        return monitors;
    }

    /** All transitions of a new monitor; of a known one, those after the latest one already held (history is append-only). */
    private static List<TransitionRow> transitionsToWrite(List<MonitorStateChanged> created, List<MonitorStateChanged> changed,
                                                         Map<String, Long> ids, Map<String, StoredMonitor> stored) {
        List<TransitionRow> rows = new ArrayList<>();
        for (MonitorStateChanged event : created) {
            long id = ids.get(event.monitorKey());
            event.transitions().forEach(t -> rows.add(new TransitionRow(id, t)));
        }
        for (MonitorStateChanged event : changed) {
            long id = ids.get(event.monitorKey());
            int heldSequence = stored.get(event.monitorKey()).latestSequence();
            event.transitions().stream().filter(t -> t.sequence() > heldSequence).forEach(t -> rows.add(new TransitionRow(id, t)));
        }
        return rows;
    }
}
