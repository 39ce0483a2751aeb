package io.trapwatch.detection.repository;

import io.trapwatch.model.Interval;
import jakarta.persistence.Converter;

/** {@link Interval} as its wire name. */
@Converter(autoApply = true)
public class IntervalConverter extends WireNameConverter<Interval> {

    public IntervalConverter() {
        super(Interval::wire, Interval::fromWire);
    }
}
