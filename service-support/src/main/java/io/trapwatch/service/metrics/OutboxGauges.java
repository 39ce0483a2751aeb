package io.trapwatch.service.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import javax.sql.DataSource;
import java.util.List;

/** Outbox depth and the age of its oldest row: events stored but not yet acknowledged by Kafka. */
public final class OutboxGauges {

    private OutboxGauges() {
    }

    /** {@code table} must have a {@code created_at} column. */
    public static void register(MeterRegistry registry, DataSource dataSource, String table) {
        new SqlGauge(registry, "trapwatch.outbox.depth", "Events waiting in the outbox", List.of(), List.of(), dataSource,
                "SELECT count(*) FROM " + table);
        new SqlGauge(registry, "trapwatch.outbox.oldest.age.seconds", "Age of the oldest event waiting in the outbox",
                List.of(), List.of(), dataSource,
                "SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM " + table);
    }
}
