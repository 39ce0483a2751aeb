package io.trapwatch.detection.repository;

import io.trapwatch.model.Interval;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores Binance's spelling ({@code 1h}, {@code 4h}, {@code 1d}). */
@Converter(autoApply = true)
public class IntervalConverter implements AttributeConverter<Interval, String> {
    @Override
    public String convertToDatabaseColumn(Interval value) {
        return value == null ? null : value.wire();
    }

    @Override
    public Interval convertToEntityAttribute(String column) {
        return column == null ? null : Interval.fromWire(column);
    }
}
