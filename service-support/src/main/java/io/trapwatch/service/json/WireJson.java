package io.trapwatch.service.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The JSON every service reads and writes, events and API answers alike: decimals as plain digits (a zero volume
 * stored as {@code 0.00000000} travels as {@code "0.00000000"}, never {@code "0E-8"}), and the instants and decimals of
 * events read without Jackson's general parsers ({@link IsoInstantDeserializer}, {@link PlainDecimalDeserializer}):
 * together those parsers took most of the CPU spent reading a bar's event.
 */
@Singleton
public class WireJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        mapper.registerModule(new SimpleModule("trapwatch-wire-json")
                .addDeserializer(Instant.class, new IsoInstantDeserializer())
                .addDeserializer(BigDecimal.class, new PlainDecimalDeserializer()));
    }

    /** Last of all customizers, so these readers win over JavaTimeModule's whoever registers it. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
