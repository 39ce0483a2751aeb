package io.trapwatch.detection.repository;

import io.trapwatch.model.outcome.OutcomeStatus;
import jakarta.persistence.Converter;

/** {@link OutcomeStatus} as its wire name. */
@Converter(autoApply = true)
public class OutcomeStatusConverter extends WireNameConverter<OutcomeStatus> {

    public OutcomeStatusConverter() {
        super(OutcomeStatus::wire, OutcomeStatus::fromWire);
    }
}
