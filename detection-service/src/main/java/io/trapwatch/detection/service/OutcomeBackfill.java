package io.trapwatch.detection.service;

import io.trapwatch.detection.domain.ClosedBar;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.trapwatch.detection.domain.Bar;
import io.trapwatch.detection.domain.OutcomeCalculator;
import io.trapwatch.detection.domain.OutcomeState;
import io.trapwatch.detection.repository.MonitorOutcomeRepository;
import io.trapwatch.detection.repository.MonitorOutcomeRow;
import io.trapwatch.detection.repository.SeriesBarEntity;
import io.trapwatch.detection.repository.SeriesStateEntity;
import io.trapwatch.model.outcome.MonitorOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outcomes computed after the fact, so every monitor has one (decision D18: every monitor gets the outcome of a
 * short from the bar after its trigger): at start-up, for monitors recorded
 * before outcomes existed and for outcomes stored with another {@code observation-bars} than configured. Each
 * series is done in its own transaction under the series lock (the live path waits meanwhile), from this
 * service's own copy of the bars, with the direct calculator; the result is published like a live change.
 */
@ApplicationScoped
public class OutcomeBackfill {

    private static final Logger LOG = Logger.getLogger(OutcomeBackfill.class);

    @Inject
    EntityManager em;

    @Inject
    OutcomeKeeper keeper;

    @Inject
    MonitorOutcomeRepository stored;

    void onStart(@Observes StartupEvent event) {
        Thread worker = new Thread(this::run, "outcome-backfill");
        worker.setDaemon(true);
        worker.start();
    }

    /** Brings every monitor's outcome in line with the configuration; returns how many outcomes it wrote. */
    public int run() {
        try {
            int written = 0;
            for (long seriesId : seriesNeedingWork()) {
                written += QuarkusTransaction.requiringNew().call(() -> backfill(seriesId));
            }
            if (written > 0) {
                LOG.infof("computed %d monitor outcomes after the fact (observation_bars=%d)", written,
                        keeper.observationBars());
            }
            return written;
        } catch (RuntimeException e) {
            LOG.errorf(e, "outcome backfill failed; it runs again at the next start");
            return 0;
        }
    }

    private List<Long> seriesNeedingWork() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery(MISSING_SERIES).setParameter(1, keeper.observationBars()).getResultList();
            return ids.stream().map(Number::longValue).toList();
        });
    }

    private static final String MISSING = " FROM detection.monitor m"
            + " JOIN detection.series_state s ON s.market_type = m.market_type AND s.symbol = m.symbol"
            + " AND s.kline_interval = m.kline_interval"
            + " LEFT JOIN detection.monitor_outcome o ON o.monitor_key = m.monitor_key"
            + " WHERE (o.monitor_key IS NULL OR o.observation_bars <> ?1)";
    private static final String MISSING_SERIES = "SELECT DISTINCT s.id" + MISSING;

    private int backfill(long seriesId) {
        SeriesStateEntity state = SeriesStateEntity.lockOrCreate(SeriesStateEntity.<SeriesStateEntity>findById(seriesId).key());
        @SuppressWarnings("unchecked")
        List<Object[]> monitors = em.createNativeQuery("SELECT m.monitor_key, m.trigger_time" + MISSING
                        + " AND s.id = ?2 ORDER BY m.trigger_time")
                .setParameter(1, keeper.observationBars()).setParameter(2, seriesId).getResultList();
        if (monitors.isEmpty()) {
            return 0;
        }
        Instant first = toInstant(monitors.get(0)[1]);
        List<ClosedBar> closed = SeriesBarEntity.from(seriesId, first);
        List<Bar> bars = closed.stream().map(ClosedBar::toBar).toList();
        Map<Long, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < bars.size(); i++) {
            index.put(bars.get(i).openTime(), i);
        }
        Instant now = Instant.now();
        List<MonitorOutcome> outcomes = new ArrayList<>();
        List<MonitorOutcomeRow> rows = new ArrayList<>();
        Map<String, MonitorOutcomeRow> before = stored.byKeys(monitors.stream().map(m -> (String) m[0]).toList());
        for (Object[] m : monitors) {
            String key = (String) m[0];
            Instant trigger = toInstant(m[1]);
            Integer at = index.get(trigger.toEpochMilli());
            if (at == null) {
                LOG.warnf("monitor %s: its trigger bar is not stored; no outcome", key);
                continue;
            }
            OutcomeState computed = OutcomeCalculator.compute(bars, at, keeper.observationBars());
            MonitorOutcomeRow row = before.getOrDefault(key, new MonitorOutcomeRow(key, seriesId, 0, computed))
                    .next(computed);
            rows.add(row);
            outcomes.add(OutcomeEvents.of(key, row.version(), computed));
        }
        stored.save(rows, now);
        if (!outcomes.isEmpty()) {
            Instant barTime = state.lastOpenTime == null ? now : state.lastOpenTime;
            keeper.outbox(state.key(), barTime, outcomes, now);
        }
        return outcomes.size();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
