package io.trapwatch.detection.rest;

import io.trapwatch.detection.domain.DetectionSettings;
import io.trapwatch.detection.domain.InvalidGridException;
import io.trapwatch.detection.domain.SweepGrid;
import io.trapwatch.detection.domain.SweepRanking;
import io.trapwatch.detection.service.SweepSpec;
import io.trapwatch.model.Interval;
import io.trapwatch.model.MarketType;
import io.trapwatch.service.rest.BadParameterException;
import io.trapwatch.service.rest.RequestParameters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Validates a sweep request field by field; the first bad field becomes a {@link BadParameterException}. */
final class SweepRequests {

    private static final String ALL = "all";

    private SweepRequests() {
    }

    static SweepSpec validate(SweepRequest r, DetectionSettings configured, int configuredObservationBars) {
        if (r == null) {
            throw new BadParameterException("body", "request body is required", List.of("a JSON object with a grid"), null);
        }
        List<MarketType> markets = allOr("market_type", r.marketType(), MarketType.wireNames(), MarketType::fromWire);
        List<Interval> intervals = allOr("interval", r.interval(), Interval.wireNames(), Interval::fromWire);
        SeriesSelection selection = SeriesSelection.parse(r.start(), r.end(), r.symbols());
        int observationBars = observationBars(r.observationBars(), configuredObservationBars);
        Instant trainUntil = RequestParameters.endInstant("train_until", r.trainUntil()).orElse(null);
        Double trainFraction = fraction(r.trainFraction());
        if (trainUntil != null && trainFraction != null) {
            throw new BadParameterException("train_fraction", "give train_until or train_fraction, not both",
                    List.of("either train_until or train_fraction, not both"), r.trainFraction());
        }
        String rankBy = r.rankBy() == null || r.rankBy().isBlank() ? SweepRanking.DEFAULT : r.rankBy().trim();
        try {
            SweepRanking.by(rankBy, x -> null, x -> 0);
            SweepGrid grid = SweepGrid.of(r.grid(), configured);
            return new SweepSpec(markets, intervals, selection.start(), selection.end(), selection.symbols(),
                    observationBars, grid, rankBy, trainUntil, trainFraction);
        } catch (InvalidGridException e) {
            throw new BadParameterException(e.field(), e.getMessage(), e.allowed(), e.received());
        }
    }

    /** One value, or {@code all} / absent for every value. */
    private static <T> List<T> allOr(String name, String value, List<String> wires, java.util.function.Function<String, T> parse) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase(ALL)) {
            return wires.stream().map(parse).toList();
        }
        List<String> allowed = new ArrayList<>(wires);
        allowed.add(ALL);
        return List.of(RequestParameters.requiredOneOf(name, value, allowed, parse));
    }

    private static int observationBars(Object value, int configured) {
        if (value == null) {
            return configured;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 0
                && n.doubleValue() <= 100_000) {
            return n.intValue();
        }
        throw new BadParameterException("observation_bars", "observation_bars must be a whole number >= 0", List.of("an integer from 0 (every bar since the entry) to 100000"), value);
    }

    private static Double fraction(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n && n.doubleValue() > 0 && n.doubleValue() < 1) {
            return n.doubleValue();
        }
        throw new BadParameterException("train_fraction", "train_fraction must be a number strictly between 0 and 1", List.of("a number between 0 and 1 (exclusive), e.g. 0.7"), value);
    }
}
