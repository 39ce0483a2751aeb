package io.trapwatch.service.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * The JSON every service reads and writes, events and API answers alike: decimals as plain digits (a zero volume
 * stored as {@code 0.00000000} travels as {@code "0.00000000"}, never {@code "0E-8"}), and instants read by
 * {@link IsoInstantDeserializer}.
 */
@Singleton
public class WireJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        // Registered after Quarkus' JavaTimeModule, so this Instant reader is the one used.
        mapper.registerModule(new SimpleModule("trapwatch-wire-json").addDeserializer(Instant.class, new IsoInstantDeserializer()));
    }

    /** After the customizer that registers JavaTimeModule (default priority 0). */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
