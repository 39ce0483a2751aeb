package io.trapwatch.marketdata.rest;

import io.trapwatch.marketdata.service.KlineStreamService;
import io.trapwatch.marketdata.service.StreamStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the stream state in the readiness answer without deciding it: with every stream down the service still
 * ingests over REST (CronJobs, gap fills), so readiness stays UP as long as its database and broker are (their own
 * checks); a stream outage shows here as {@code <market>: k of n connections streaming}.
 */
@Readiness
@ApplicationScoped
public class StreamHealthCheck implements HealthCheck {

    private final KlineStreamService streams;

    public StreamHealthCheck(KlineStreamService streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        StreamStatus status = streams.status();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("kline-streams").up().withData("enabled", status.enabled());
        for (StreamStatus.MarketStatus market : status.markets()) {
            long streaming = market.connections().stream().filter(c -> c.state().equals("streaming")).count();
            builder.withData(market.marketType(), streaming + " of " + market.connections().size()
                    + " connections streaming, " + market.streams() + " streams, last message "
                    + (market.lastMessageAt() == null ? "never" : market.lastMessageAt().toString()));
        }
        return builder.build();
    }
}
