package io.trapwatch.detection.repository;

import io.trapwatch.model.MarketType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the wire name ({@code spot}, {@code futures}), the same spelling as the events and the API. */
@Converter(autoApply = true)
public class MarketTypeConverter implements AttributeConverter<MarketType, String> {
    @Override
    public String convertToDatabaseColumn(MarketType value) {
        return value == null ? null : value.wire();
    }

    @Override
    public MarketType convertToEntityAttribute(String column) {
        return column == null ? null : MarketType.fromWire(column);
    }
}
