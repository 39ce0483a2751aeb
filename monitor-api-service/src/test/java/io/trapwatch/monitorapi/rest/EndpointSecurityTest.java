package io.trapwatch.monitorapi.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.infra.PostgresTestResource;
import io.trapwatch.infra.http.EndpointSecurityContract;
import io.trapwatch.monitorapi.support.MarketDataStubResource;

import java.util.List;

/** The public read API: no token asked on reads, every write method refused, fuzzed reads answered below 500. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MarketDataStubResource.class, restrictToAnnotatedClass = false)
class EndpointSecurityTest extends EndpointSecurityContract {

    @Override
    protected List<String> knownWrites() {
        return List.of();
    }
}
