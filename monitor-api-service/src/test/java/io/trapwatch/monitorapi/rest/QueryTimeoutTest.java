package io.trapwatch.monitorapi.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trapwatch.infra.KafkaTestResource;
import io.trapwatch.infra.PostgresTestResource;
import io.trapwatch.monitorapi.support.MarketDataStubResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read API's pool: PostgreSQL cancels any statement after 2 s, so no query holds a connection longer. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MarketDataStubResource.class, restrictToAnnotatedClass = false)
class QueryTimeoutTest {

    @Inject
    @DataSource("reads")
    AgroalDataSource reads;

    @Test
    void aSlowReadIsCancelledByTheDatabase() throws SQLException {
        try (Connection c = reads.getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeQuery("SHOW statement_timeout")).satisfies(rs -> {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("2s");
            });
            assertThatThrownBy(() -> s.executeQuery("SELECT pg_sleep(30)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
        }
    }

    @Test
    void theCancelledReadIsAnswered503WithRetryAfter() {
        SQLException cancelled = new SQLException("canceling statement due to statement timeout", "57014");
        jakarta.ws.rs.core.Response answer = new ErrorMappers().database(cancelled);
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("1");
        assertThat(answer.getEntity().toString()).contains("query timed out");
    }
}
