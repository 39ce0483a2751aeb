package io.trapwatch.service.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestParametersTest {

    @Test
    void wireNamesAreExactAndBlankIsNotGiven() {
        assertThat(RequestParameters.marketType("spot")).isEqualTo(MarketType.SPOT);
        assertThat(RequestParameters.interval(" ")).isEmpty();
        assertThat(RequestParameters.requiredInterval("4h")).isEqualTo(Interval.H4);
        assertThat(RequestParameters.marketTypeOrAll(null)).isEmpty();
        assertThat(RequestParameters.marketTypeOrAll("futures")).contains(MarketType.FUTURES);
        assertBad(() -> RequestParameters.marketType("SPOT"), "market_type", "SPOT");
        assertBad(() -> RequestParameters.marketType(null), "market_type", null);
        assertBad(() -> RequestParameters.marketTypeOrAll("x"), "market_type", "x");
    }

    @Test
    void oneSymbolPatternOfTwoToThirtyTwoLettersAndDigits() {
        assertThat(RequestParameters.symbol("symbol", "btcusdt")).contains("BTCUSDT");
        assertThat(RequestParameters.symbol("symbol", "A".repeat(32))).isPresent();
        assertBad(() -> RequestParameters.symbol("symbol", "A".repeat(33)), "symbol", "A".repeat(33));
        assertBad(() -> RequestParameters.symbol("symbol", "B"), "symbol", "B");
        assertBad(() -> RequestParameters.requiredSymbol("symbol", ""), "symbol", "");
        assertThat(RequestParameters.symbols("symbols", "btcusdt, ETHUSDT,BTCUSDT")).contains(List.of("BTCUSDT", "ETHUSDT"));
        assertThat(RequestParameters.symbols("symbols", List.of("ethusdt"))).contains(List.of("ETHUSDT"));
        assertThat(RequestParameters.symbols("symbols", null)).isEmpty();
        assertBad(() -> RequestParameters.symbols("symbols", ""), "symbols", "");
        assertBad(() -> RequestParameters.symbols("symbols", 7), "symbols", 7);
    }

    @Test
    void timesInEveryDocumentedFormAndAWholeDayAsTheEnd() {
        Instant midnight = Instant.parse("2024-03-01T00:00:00Z");
        assertThat(RequestParameters.instant("t", "2024-03-01T08:00:00+08:00")).contains(midnight);
        assertThat(RequestParameters.instant("t", "2024-03-01T08:00:00 08:00")).contains(midnight);
        assertThat(RequestParameters.instant("t", "2024-03-01 00:00:00")).contains(midnight);
        assertThat(RequestParameters.instant("t", "2024-03-01")).contains(midnight);
        assertThat(RequestParameters.endInstant("t", "2024-03-01")).contains(Instant.parse("2024-03-01T23:59:59.999Z"));
        assertThat(RequestParameters.endInstant("t", "2024-03-01T05:00:00Z")).contains(Instant.parse("2024-03-01T05:00:00Z"));
        assertBad(() -> RequestParameters.instant("t", "yesterday"), "t", "yesterday");
        assertBad(() -> RequestParameters.date("d", "2023-02-29"), "d", "2023-02-29");
        assertBad(() -> RequestParameters.date("d", "0000-01-01"), "d", "0000-01-01");
    }

    @Test
    void integersInRangeAndIds() {
        assertThat(RequestParameters.pageSize(null, 20, 100)).isEqualTo(20);
        assertThat(RequestParameters.pageSize("100", 20, 100)).isEqualTo(100);
        assertBad(() -> RequestParameters.pageSize("101", 20, 100), "page_size", "101");
        assertBad(() -> RequestParameters.requiredIntInRange("bars", null, 1, 5), "bars", null);
        assertThat(RequestParameters.positiveId("id", "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertBad(() -> RequestParameters.positiveId("id", "0"), "id", "0");
        assertBad(() -> RequestParameters.positiveId("id", "1.5"), "id", "1.5");
        assertThat(RequestParameters.wholeNumber("0", 0)).hasValue(0);
        assertThat(RequestParameters.wholeNumber("-1", 0)).isEmpty();
        assertThat(RequestParameters.wholeNumber("9223372036854775808", 0)).isEmpty();
    }

    @Test
    void uuidsAreParsedAndAnythingElseNamesTheParameter() {
        assertThat(RequestParameters.uuid("id", "00000000-0000-0000-0000-00000000002a", "a scan id"))
                .isEqualTo(new java.util.UUID(0, 42));
        assertBad(() -> RequestParameters.uuid("id", "not-a-uuid", "a scan id"), "id", "not-a-uuid");
        assertBad(() -> RequestParameters.uuid("id", " ", "a scan id"), "id", " ");
    }

    @Test
    void theBodyHasTheFiveFieldsAndEchoedRangeEndsBesideThem() throws Exception {
        ObjectMapper json = new ObjectMapper();
        BadParameterBody plain = new BadParameterException("page_size", "page_size must be an integer from 1 to 100",
                List.of("an integer from 1 to 100"), "0").body();
        assertThat(json.writeValueAsString(plain)).isEqualTo("{\"error\":\"Invalid page_size parameter\",\"parameter\":"
                + "\"page_size\",\"detail\":\"page_size must be an integer from 1 to 100\",\"allowed\":[\"an integer from 1 to 100\"],"
                + "\"received\":\"0\"}");
        BadParameterBody range = BadParameterException.reversedRange("date", "start_date", "2024-03-02", "end_date", "2024-03-01").body();
        assertThat(json.writeValueAsString(range)).isEqualTo("{\"error\":\"Invalid date range\",\"parameter\":\"start_date\","
                + "\"detail\":\"start_date cannot be greater than end_date\",\"allowed\":[\"start_date <= end_date\"],"
                + "\"received\":\"2024-03-02\",\"start_date\":\"2024-03-02\",\"end_date\":\"2024-03-01\"}");
    }

    private static void assertBad(Runnable parse, String parameter, Object received) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(BadParameterException.class, e -> {
            assertThat(e.body().parameter()).isEqualTo(parameter);
            assertThat(e.body().received()).isEqualTo(received);
            assertThat(e.body().error()).isEqualTo("Invalid " + parameter + " parameter");
            assertThat(e.body().allowed()).isNotEmpty();
        });
    }
}
