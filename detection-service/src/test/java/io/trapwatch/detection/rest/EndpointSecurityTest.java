package io.trapwatch.detection.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trapwatch.detection.support.MarketDataStub;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.infra.PostgresTestResource;
import io.trapwatch.infra.http.EndpointSecurityContract;

import java.util.List;

/** The write policy and the fuzzer on every endpoint of this service's live OpenAPI document. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MarketDataStub.class, restrictToAnnotatedClass = false)
class EndpointSecurityTest extends EndpointSecurityContract {

    @Override
    protected List<String> knownWrites() {
        return List.of("POST /api/detection/scans");
    }
}
