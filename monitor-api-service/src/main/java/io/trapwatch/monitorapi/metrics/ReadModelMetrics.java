package io.trapwatch.monitorapi.metrics;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.trapwatch.model.MarketType;
import io.trapwatch.model.MonitorStatus;
import io.trapwatch.service.metrics.SqlGauge;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
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
        List<Tags> combinations = new ArrayList<>();
        for (MarketType market : MarketType.values()) {
            for (MonitorStatus status : MonitorStatus.values()) {
                combinations.add(Tags.of("market_type", market.wire(), "status", status.wire()));
            }
        }
        new SqlGauge(registry, "trapwatch.read.model.transitions", "Monitor transitions in the read model, by market and status reached",
                List.of("market_type", "status"), combinations, dataSource, TRANSITIONS);
        List<Tags> deliveries = new ArrayList<>();
        for (String channel : List.of("webhook", "telegram")) {
            for (String status : List.of("pending", "delivered", "failed")) {
                deliveries.add(Tags.of("channel", channel, "status", status));
            }
        }
        new SqlGauge(registry, "trapwatch.alert.deliveries", "Alert deliveries by channel and status",
                List.of("channel", "status"), deliveries, dataSource, DELIVERIES);
    }
}
