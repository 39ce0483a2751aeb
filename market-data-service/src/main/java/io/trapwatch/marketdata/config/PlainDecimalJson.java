package io.trapwatch.marketdata.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Decimals in events are strings with the exchange's digits: a zero volume stored as {@code 0.00000000}
 * must travel as {@code "0.00000000"}, not as BigDecimal's scientific {@code "0E-8"}.
 */
@Singleton
public class PlainDecimalJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);
    }
}
