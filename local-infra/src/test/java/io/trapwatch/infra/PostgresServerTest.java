package io.trapwatch.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresServerTest {

    @Test
    void startsARealServerAndRunsSql(@TempDir Path dir) throws Exception {
        try (PostgresServer server = PostgresServer.start(dir, 0, false)) {
            server.createDatabase("probe");
            server.createDatabase("probe"); // idempotent
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("probe"), server.username(), server.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v numeric(30,8))");
                s.execute("INSERT INTO t VALUES (123456789012.12345678)");
                try (ResultSet rs = s.executeQuery("SELECT v, version() FROM t")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("123456789012.12345678");
                    assertThat(rs.getString(2)).startsWith("PostgreSQL");
                }
            }
        }
    }
}
