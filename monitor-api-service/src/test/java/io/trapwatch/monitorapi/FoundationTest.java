package io.trapwatch.monitorapi;

import io.agroal.api.AgroalDataSource;
import io.trapwatch.monitorapi.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The service starts against the real database and broker; Flyway created the read model in its own schema. */
@ServiceTest
class FoundationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void readinessReflectsDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void readModelLivesInTheServiceSchema() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema = 'monitor_api' AND table_name <> 'flyway_schema_history' ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertThat(tables).containsExactly("alert_delivery", "alert_subscription", "alert_transition", "monitor",
                "monitor_count", "monitor_day_count", "monitor_outcome", "monitor_transition", "read_model_version", "series_price",
                "telegram_send", "telegram_thread");
    }
}
