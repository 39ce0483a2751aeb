package io.trapwatch.detection.rest;

import io.trapwatch.service.rest.BadParameterException;
import io.trapwatch.service.rest.RequestParameters;

import java.time.Instant;
import java.util.List;

/**
 * The fields a scan and a sweep body share to pick bars: {@code start} and {@code end} (ISO time or UTC date; an end
 * date covers its whole day; null = open) and {@code symbols} (null = every series market-data-service lists).
 */
record SeriesSelection(Instant start, Instant end, List<String> symbols) {

    static SeriesSelection parse(String start, String end, Object symbols) {
        Instant from = RequestParameters.instant("start", start).orElse(null);
        Instant to = RequestParameters.endInstant("end", end).orElse(null);
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadParameterException("start", "start must not be after end",
                    List.of("a time not after end (" + to + ")"), start);
        }
        return new SeriesSelection(from, to, RequestParameters.symbols("symbols", symbols).orElse(null));
    }
}
