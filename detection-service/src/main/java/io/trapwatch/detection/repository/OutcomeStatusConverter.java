package io.trapwatch.detection.repository;

import io.trapwatch.model.outcome.OutcomeStatus;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the wire name ({@code insufficient_data}, {@code open}, {@code completed}). */
@Converter(autoApply = true)
public class OutcomeStatusConverter implements AttributeConverter<OutcomeStatus, String> {
    @Override
    public String convertToDatabaseColumn(OutcomeStatus value) {
        return value == null ? null : value.wire();
    }

    @Override
    public OutcomeStatus convertToEntityAttribute(String column) {
        return column == null ? null : OutcomeStatus.fromWire(column);
    }
}
