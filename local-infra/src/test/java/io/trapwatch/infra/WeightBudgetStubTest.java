package io.trapwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.infra.WeightBudgetStub.Market;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmarks' Binance stand-in answers as Binance does: weights, budget, the forming candle, planted traps. */
class WeightBudgetStubTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long H1 = 3_600_000L;
    private static final long NOW = Instant.parse("2024-06-01T00:30:00Z").toEpochMilli();

    @Test
    void futuresKlinesWeighByLimitAndTheBudgetAnswers429() throws Exception {
        while (System.currentTimeMillis() % 60_000 > 50_000) {
            Thread.sleep(200); // the budget is per UTC minute: start early enough in one
        }
        try (WeightBudgetStub stub = new WeightBudgetStub(1, 1, 0, NOW)) {
            String klines = stub.url(Market.FUTURES) + "/fapi/v1/klines?symbol=" + Market.FUTURES.symbol(0) + "&interval=1h&limit=";
            assertThat(get(klines + 99).headers().firstValue("X-MBX-USED-WEIGHT-1M")).hasValue("1");
            assertThat(get(klines + 100).headers().firstValue("X-MBX-USED-WEIGHT-1M")).hasValue("3");
            assertThat(get(klines + 1000).headers().firstValue("X-MBX-USED-WEIGHT-1M")).hasValue("8");
            assertThat(get(klines + 1001).headers().firstValue("X-MBX-USED-WEIGHT-1M")).hasValue("18");
            assertThat(stub.budget(Market.FUTURES).weight()).isEqualTo(18);
            HttpResponse<String> rejected = null;
            for (int i = 0; i < 300 && rejected == null; i++) {
                HttpResponse<String> r = get(klines + 1001);
                rejected = r.statusCode() == 429 ? r : null;
            }
            // 240 calls of weight 10 exhaust 2,400
            assertThat(rejected).isNotNull();
            assertThat(rejected.headers().firstValue("Retry-After")).isPresent();
            assertThat(stub.budget(Market.FUTURES).rejected()).isEqualTo(1);
            assertThat(stub.budget(Market.SPOT).calls()).isZero();
        }
    }

    @Test
    void klinesEndWithTheFormingCandleAndAPlantedTrapStandsOut() throws Exception {
        try (WeightBudgetStub stub = new WeightBudgetStub(2, 0, 0, NOW)) {
            String symbol = Market.SPOT.symbol(1);
            long forming = NOW / H1 * H1;
            stub.plantTrap(symbol, "1h", forming - H1);
            JsonNode rows = JSON.readTree(get(stub.url(Market.SPOT) + "/api/v3/klines?symbol=" + symbol + "&interval=1h&limit=3").body());
            assertThat(rows).hasSize(3);
            assertThat(rows.get(2).get(0).asLong()).isEqualTo(forming);
            assertThat(rows.get(1).get(4).asText()).isEqualTo("104.00000000");
            assertThat(rows.get(1).get(5).asDouble()).isGreaterThan(10 * rows.get(0).get(5).asDouble());
            assertThat(rows.get(0).get(2).asText()).matches("\\d+\\.\\d{8}");

            stub.advance(H1);
            JsonNode after = JSON.readTree(get(stub.url(Market.SPOT) + "/api/v3/klines?symbol=" + symbol + "&interval=1h&startTime=" + forming).body());
            assertThat(after).hasSize(2);
            JsonNode info = JSON.readTree(get(stub.url(Market.SPOT) + "/api/v3/exchangeInfo").body());
            assertThat(info.get("symbols")).hasSize(2);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
