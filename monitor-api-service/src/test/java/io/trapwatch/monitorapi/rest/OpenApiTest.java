package io.trapwatch.monitorapi.rest;

import io.restassured.path.json.JsonPath;
import io.trapwatch.monitorapi.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document describes every parameter and response; Swagger UI is served. */
@ServiceTest
class OpenApiTest {

    @Test
    void everyParameterAndResponseIsDescribed() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(doc.getList("paths.'/api/volume-trap/monitors'.get.parameters.name")).containsExactlyInAnyOrder(
                "market_type", "status", "interval", "symbol", "start_date", "end_date", "page", "page_size", "sort");
        assertThat(doc.getString("paths.'/api/volume-trap/monitors'.get.parameters.find { it.name == 'status' }.description"))
                .contains("pending", "suspected_abandonment", "confirmed_abandonment", "invalidated", "expired", "commas");
        assertThat(doc.getList("paths.'/api/volume-trap/monitors'.get.parameters.find { it.name == 'sort' }.schema.enum"))
                .hasSize(16).contains("-trigger_time", "price_change_percent");
        assertThat(doc.getList("paths.'/api/volume-trap/monitors/status-counts'.get.parameters.name")).containsExactlyInAnyOrder(
                "market_type", "interval", "symbol", "start_date", "end_date");
        // The live stream: its filters, the resume header, and the event-stream answer.
        assertThat(doc.getList("paths.'/api/volume-trap/events'.get.parameters.name")).containsExactlyInAnyOrder(
                "market_type", "interval", "symbol", "status", "Last-Event-ID");
        assertThat(doc.getMap("paths.'/api/volume-trap/events'.get.responses.'200'.content")).containsKey("text/event-stream");
        assertThat(doc.getMap("paths.'/api/volume-trap/events'.get.responses")).containsOnlyKeys("200", "400");
        assertThat(doc.getString("components.schemas.Statistics.properties.opened_per_day.description")).isNotBlank();
        assertThat(doc.getMap("paths.'/api/volume-trap/monitors'.get.responses")).containsOnlyKeys("200", "304", "400", "404");
        assertThat(doc.getMap("paths.'/api/volume-trap/monitors/{id}'.get.responses")).containsOnlyKeys("200", "304", "400", "404");
        assertThat(doc.getString("paths.'/api/volume-trap/monitors/{id}'.get.responses.'200'.headers.ETag.description"))
                .contains("If-None-Match");
        assertThat(doc.getList("paths.'/api/volume-trap/statistics'.get.parameters.name")).containsExactlyInAnyOrder("market_type", "interval");
        assertThat(doc.getList("paths.'/api/volume-trap/kline/{symbol}'.get.parameters.name")).containsExactlyInAnyOrder(
                "symbol", "market_type", "interval", "start_time", "end_time", "limit");
        Map<String, Object> klineResponses = doc.getMap("paths.'/api/volume-trap/kline/{symbol}'.get.responses");
        assertThat(klineResponses).containsOnlyKeys("200", "400", "404", "502", "503");
        assertThat(doc.getMap("paths.'/api/volume-trap/chart-data/{monitor_id}'.get.responses")).containsKeys("502", "503");
        doc.getList("paths.'/api/volume-trap/monitors'.get.parameters.description").forEach(d -> assertThat(d).isNotNull());
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
