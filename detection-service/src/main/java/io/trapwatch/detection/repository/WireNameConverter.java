package io.trapwatch.detection.repository;

import jakarta.persistence.AttributeConverter;

import java.util.function.Function;

/**
 * Stores an enum of the wire types as its wire name ({@code spot}, {@code 1h}, {@code suspected_abandonment}, …), the
 * spelling of the events and the API; null stays null (the "from" of a creation). One subclass per enum, each
 * {@code @Converter(autoApply = true)}, so every entity column of that type is converted.
 */
abstract class WireNameConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Function<E, String> wire;
    private final Function<String, E> parse;

    WireNameConverter(Function<E, String> wire, Function<String, E> parse) {
        this.wire = wire;
        this.parse = parse;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : wire.apply(value);
    }

    @Override
    public E convertToEntityAttribute(String column) {
        return column == null ? null : parse.apply(column);
    }
}
