package io.trapwatch.detection.repository;

import io.trapwatch.model.MonitorStatus;
import jakarta.persistence.Converter;

/** {@link MonitorStatus} as its wire name. */
@Converter(autoApply = true)
public class MonitorStatusConverter extends WireNameConverter<MonitorStatus> {

    public MonitorStatusConverter() {
        super(MonitorStatus::wire, MonitorStatus::fromWire);
    }
}
