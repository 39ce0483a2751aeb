package io.trapwatch.detection.repository;

import io.trapwatch.model.MarketType;
import jakarta.persistence.Converter;

/** {@link MarketType} as its wire name. */
@Converter(autoApply = true)
public class MarketTypeConverter extends WireNameConverter<MarketType> {

    public MarketTypeConverter() {
        super(MarketType::wire, MarketType::fromWire);
    }
}
