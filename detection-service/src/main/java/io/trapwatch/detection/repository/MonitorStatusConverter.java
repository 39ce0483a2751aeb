package io.trapwatch.detection.repository;

import io.trapwatch.model.MonitorStatus;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the wire name ({@code suspected_abandonment}, …); null stays null (the "from" of a creation). */
@Converter(autoApply = true)
public class MonitorStatusConverter implements AttributeConverter<MonitorStatus, String> {
    @Override
    public String convertToDatabaseColumn(MonitorStatus value) {
        return value == null ? null : value.wire();
    }

    @Override
    public MonitorStatus convertToEntityAttribute(String column) {
        return column == null ? null : MonitorStatus.fromWire(column);
    }
}
