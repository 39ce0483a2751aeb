package io.trapwatch.detection.metrics;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.service.metrics.OutboxGauges;
import io.trapwatch.service.metrics.SqlGauge;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * This service's metrics at {@code /q/metrics}: engine time per bar, scan and sweep durations, events published, and from the
 * tables the transitions stored per market and status and the outbox. Transitions come from the database, not a
 * counter, so the figure survives a crash and equals what was recorded exactly once. Kafka consumer lag is
 * Micrometer's Kafka binder ({@code kafka_consumer_fetch_manager_records_lag_max}).
 */
@ApplicationScoped
@Startup
public class DetectionMetrics {

    /** Schema-qualified: this service's connections have no search path of their own (Hibernate qualifies its SQL). */
    private static final String TRANSITIONS = """
            SELECT m.market_type, t.to_status, count(*)
            FROM detection.monitor_transition t JOIN detection.monitor m ON m.id = t.monitor_id
            GROUP BY m.market_type, t.to_status""";

    private final MeterRegistry registry;
    private final Timer engineBar;

    public DetectionMetrics(MeterRegistry registry, AgroalDataSource dataSource) {
        this.registry = registry;
        OutboxGauges.register(registry, dataSource, "detection.outbox");
        List<Tags> combinations = new ArrayList<>();
        for (MarketType market : MarketType.values()) {
            for (MonitorStatus status : MonitorStatus.values()) {
                combinations.add(Tags.of("market_type", market.wire(), "status", status.wire()));
            }
            for (Interval interval : Interval.values()) {
                registry.counter("trapwatch.events.published", "market_type", market.wire(), "interval", interval.wire());
            }
        }
        new SqlGauge(registry, "trapwatch.transitions.stored", "Monitor transitions recorded, by market and status reached",
                List.of("market_type", "status"), combinations, dataSource, TRANSITIONS);
        this.engineBar = Timer.builder("trapwatch.engine.bar").description("Detectors and state machine on one closed bar")
                .publishPercentileHistogram().register(registry);
        for (String kind : List.of("dry_run", "catch_up")) {
            for (String outcome : List.of("done", "failed")) {
                scanTimer(kind, outcome);
            }
        }
        for (String outcome : List.of("done", "failed", "cancelled")) {
            sweepTimer(outcome);
        }
    }

    public Timer engineBar() {
        return engineBar;
    }

    public void scanFinished(boolean dryRun, boolean failed, Duration took) {
        scanTimer(dryRun ? "dry_run" : "catch_up", failed ? "failed" : "done").record(took);
    }

    /** {@code outcome}: done, failed or cancelled (a sweep's final status). */
    public void sweepFinished(String outcome, Duration took) {
        sweepTimer(outcome).record(took);
    }

    private Timer sweepTimer(String outcome) {
        return Timer.builder("trapwatch.sweep.duration").description("Wall time of a threshold sweep, bar read included")
                .tags("outcome", outcome).register(registry);
    }

    private Timer scanTimer(String kind, String outcome) {
        return Timer.builder("trapwatch.scan.duration").description("Wall time of a scan from start to its result")
                .tags("kind", kind, "outcome", outcome).register(registry);
    }
}
