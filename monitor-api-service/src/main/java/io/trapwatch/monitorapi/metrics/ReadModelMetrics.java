package io.trapwatch.monitorapi.metrics;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.service.metrics.SqlGauge;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The read model at {@code /q/metrics}: transitions projected per market and status (from the table, so equal to
 * what the API serves and unaffected by redelivered events), and alert deliveries per channel and status (pending
 * ones are waiting or retrying; failed ones are parked). Request latency per endpoint is the HTTP server
 * histogram; Kafka consumer lag is Micrometer's Kafka binder.
 */
@ApplicationScoped
@Startup
public class ReadModelMetrics {

    private static final String TRANSITIONS = """
            SELECT m.market_type, t.to_status, count(*)
            FROM monitor_transition t JOIN monitor m ON m.id = t.monitor_id
            GROUP BY m.market_type, t.to_status""";
    private static final String DELIVERIES = """
            SELECT s.channel, d.status, count(*)
            FROM alert_delivery d JOIN alert_subscription s ON s.id = d.subscription_id
            GROUP BY s.channel, d.status""";

    public ReadModelMetrics(MeterRegistry registry, AgroalDataSource dataSource) {
        new SqlGauge(registry, "trapwatch.read.model.transitions", "Monitor transitions in the read model, by market and status reached",
                List.of("market_type", "status"), SqlGauge.everyPair("market_type", MarketType.wireNames(), "status",
                        MonitorStatus.wireNames()), dataSource, TRANSITIONS);
        new SqlGauge(registry, "trapwatch.alert.deliveries", "Alert deliveries by channel and status",
                List.of("channel", "status"), SqlGauge.everyPair("channel", List.of("webhook", "telegram"), "status",
                        List.of("pending", "delivered", "failed")), dataSource, DELIVERIES);
    }
}
