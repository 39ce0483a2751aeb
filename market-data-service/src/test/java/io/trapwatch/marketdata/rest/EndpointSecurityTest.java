package io.trapwatch.marketdata.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.infra.PostgresTestResource;
import io.trapwatch.infra.http.EndpointSecurityContract;
import io.trapwatch.marketdata.support.BinanceStubResource;

import java.util.List;

/** The write policy and the fuzzer on every endpoint of this service's live OpenAPI document. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = BinanceStubResource.class, restrictToAnnotatedClass = false)
class EndpointSecurityTest extends EndpointSecurityContract {

    @Override
    protected List<String> knownWrites() {
        return List.of("POST /api/market-data/instruments/sync", "POST /api/market-data/klines/update",
                "POST /api/market-data/replay/advance");
    }
}
