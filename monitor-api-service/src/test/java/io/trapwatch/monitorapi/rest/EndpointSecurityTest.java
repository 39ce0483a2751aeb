package io.trapwatch.monitorapi.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.infra.PostgresTestResource;
import io.trapwatch.infra.http.EndpointSecurityContract;
import io.trapwatch.monitorapi.support.DetectionStubResource;
import io.trapwatch.monitorapi.support.MarketDataStubResource;

import java.util.List;

/** The read API: no token asked on public reads, subscriptions and every write need the operator token, fuzzed requests answered below 500. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MarketDataStubResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = DetectionStubResource.class, restrictToAnnotatedClass = false)
class EndpointSecurityTest extends EndpointSecurityContract {

    @Override
    protected List<String> knownWrites() {
        return List.of("POST /api/volume-trap/subscriptions", "PUT /api/volume-trap/subscriptions/{id}",
                "DELETE /api/volume-trap/subscriptions/{id}", "POST /api/volume-trap/sweeps", "DELETE /api/volume-trap/sweeps/{id}");
    }

    @Override
    protected List<String> protectedReads() {
        return List.of("/api/volume-trap/subscriptions");
    }
}
