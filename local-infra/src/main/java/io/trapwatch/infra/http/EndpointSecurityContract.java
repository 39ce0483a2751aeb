package io.trapwatch.infra.http;

import io.quarkus.test.common.http.TestHTTPResource;
import io.trapwatch.infra.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service's HTTP surface must do, checked on every endpoint its live OpenAPI document lists (so endpoints
 * added later are covered): writes refuse callers without the operator token with JSON 401/403, reads need no
 * token (except the protected reads a service names), and seeded fuzzed parameters and bodies are answered below
 * 500 and in time. A service's test extends this as a {@code @QuarkusTest} with its own test resources. Seed: {@code -Dfuzz.seed=N} (default 13).
 */
public abstract class EndpointSecurityContract {

    private static final long SEED = Long.getLong("fuzz.seed", 13);

    @TestHTTPResource("/")
    protected URI base;

    /** Write endpoints the service is known to have: the document must list at least these. */
    protected abstract List<String> knownWrites();

    /** Path prefixes whose reads need the operator token too (the service's trapwatch.auth.protected-read-paths). */
    protected List<String> protectedReads() {
        return List.of();
    }

    /** Fuzzed requests for this service. */
    protected int fuzzRequests() {
        return 1500;
    }

    @Test
    void everyWriteNeedsTheOperatorTokenAndReadsNeedNone() throws Exception {
        OpenApiEndpoints api = OpenApiEndpoints.fetch(base);
        assertThat(api.all()).extracting(Object::toString).containsAll(knownWrites());

        List<WriteAuthorizationTable.Row> rows = WriteAuthorizationTable.build(base, api, protectedReads(), TestTokens.OPERATOR,
                TestTokens.VIEWER);

        rows.forEach(row -> assertThat(row.problem()).as(row.toString()).isNull());
        // Besides the documented writes: 4 write methods on every other documented path and on one undocumented one.
        assertThat(rows).filteredOn(WriteAuthorizationTable::isWrite).hasSizeGreaterThanOrEqualTo(4 + knownWrites().size());
    }

    @Test
    void fuzzedParametersAndBodiesAreAnsweredBelow500() throws Exception {
        EndpointFuzzer.Report report = new EndpointFuzzer(base, OpenApiEndpoints.fetch(base), TestTokens.OPERATOR, SEED)
                .run(fuzzRequests(), Duration.ofSeconds(120));

        assertThat(report.failures()).as("seed " + SEED + ", answers " + report.statuses()).isEmpty();
        assertThat(report.sent()).as("requests sent within the time bound").isGreaterThanOrEqualTo(fuzzRequests() / 3);
        System.out.println(getClass().getSimpleName() + ": fuzzed " + report.sent() + " requests (seed " + SEED + "): "
                + report.statuses());
    }
}
