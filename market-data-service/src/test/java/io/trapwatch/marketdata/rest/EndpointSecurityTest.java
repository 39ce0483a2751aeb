package io.trapwatch.marketdata.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.infra.PostgresTestResource;
import io.trapwatch.infra.TestTokens;
import io.trapwatch.infra.http.EndpointFuzzer;
import io.trapwatch.infra.http.OpenApiEndpoints;
import io.trapwatch.infra.http.WriteAuthorizationTable;
import io.trapwatch.marketdata.support.BinanceStubResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every documented endpoint (read from the live OpenAPI document) against the write policy and a fuzzer. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = BinanceStubResource.class, restrictToAnnotatedClass = false)
class EndpointSecurityTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyWriteNeedsTheOperatorTokenAndReadsNeedNone() throws Exception {
        OpenApiEndpoints api = OpenApiEndpoints.fetch(base);
        assertThat(api.all()).extracting(Object::toString).contains("POST /api/market-data/instruments/sync",
                "POST /api/market-data/klines/update", "POST /api/market-data/replay/advance");

        List<WriteAuthorizationTable.Row> rows = WriteAuthorizationTable.build(base, api, TestTokens.OPERATOR, TestTokens.VIEWER);

        rows.forEach(row -> assertThat(row.problem(WriteAuthorizationTable.isWrite(row))).as(row.toString()).isNull());
        assertThat(rows).filteredOn(WriteAuthorizationTable::isWrite).hasSizeGreaterThan(3 * 4);
    }

    @Test
    void fuzzedParametersAndBodiesAreAnsweredBelow500() throws Exception {
        EndpointFuzzer.Report report = new EndpointFuzzer(base, OpenApiEndpoints.fetch(base), TestTokens.OPERATOR,
                Long.getLong("fuzz.seed", 13)).run(1500, Duration.ofSeconds(120));

        assertThat(report.failures()).as("seed " + Long.getLong("fuzz.seed", 13) + ", answers " + report.statuses()).isEmpty();
        assertThat(report.sent()).isGreaterThanOrEqualTo(500);
        System.out.println("fuzzed " + report.sent() + " requests: " + report.statuses());
    }
}
