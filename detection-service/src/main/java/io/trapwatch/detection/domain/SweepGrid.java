package io.trapwatch.detection.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The combinations of a threshold sweep: the cartesian product of the values given per setting, numbered in a
 * fixed order (the last setting varies fastest). Every setting of {@link DetectionSettings#SETTING_KEYS} may vary;
 * the others keep the service's configured values.
 */
public final class SweepGrid {

    public static final int MAX_COMBINATIONS = 10_000;

    private final DetectionSettings base;
    private final List<String> keys;
    private final List<List<Double>> values;
    private final int size;

    private SweepGrid(DetectionSettings base, List<String> keys, List<List<Double>> values, int size) {
        this.base = base;
        this.keys = keys;
        this.values = values;
        this.size = size;
    }

    /**
     * Validates the grid: known settings, non-empty lists of numbers, each combination a valid engine setting,
     * at most {@link #MAX_COMBINATIONS} combinations.
     *
     * @throws InvalidGridException naming the first offending field
     */
    public static SweepGrid of(Map<String, ?> grid, DetectionSettings base) {
        if (grid == null || grid.isEmpty()) {
            throw new InvalidGridException("grid", DetectionSettings.SETTING_KEYS, grid,
                    "grid must map at least one setting to a list of values");
        }
        List<String> keys = new ArrayList<>();
        List<List<Double>> values = new ArrayList<>();
        long size = 1;
        for (Map.Entry<String, ?> e : grid.entrySet()) {
            String field = "grid." + e.getKey();
            if (!DetectionSettings.SETTING_KEYS.contains(e.getKey())) {
                throw new InvalidGridException(field, DetectionSettings.SETTING_KEYS, e.getKey(), "unknown setting " + e.getKey());
            }
            List<Double> list = numbers(field, e.getValue());
            for (double v : list) {
                try {
                    base.with(e.getKey(), v).validate();
                } catch (IllegalArgumentException bad) {
                    throw new InvalidGridException(field, List.of("values in the range the engine accepts"), v, bad.getMessage());
                }
            }
            keys.add(e.getKey());
            values.add(list);
            size *= list.size();
            if (size > MAX_COMBINATIONS) {
                throw new InvalidGridException("grid", List.of("at most " + MAX_COMBINATIONS + " combinations"), grid,
                        "the grid has more than " + MAX_COMBINATIONS + " combinations");
            }
        }
        SweepGrid sweepGrid = new SweepGrid(base, List.copyOf(keys), List.copyOf(values), (int) size);
        for (int n = 0; n < sweepGrid.size; n++) {
            try {
                sweepGrid.settings(n).validate();
            } catch (IllegalArgumentException bad) {
                throw new InvalidGridException("grid", List.of("combinations the engine accepts"), sweepGrid.combination(n),
                        "combination " + sweepGrid.combination(n) + " is not a valid setting: " + bad.getMessage());
            }
        }
        return sweepGrid;
    }

    private static List<Double> numbers(String field, Object raw) {
        List<String> allowed = List.of("a non-empty list of numbers");
        if (!(raw instanceof List<?> list)) {
            throw new InvalidGridException(field, allowed, raw, field + " must be a list of numbers");
        }
        if (list.isEmpty()) {
            throw new InvalidGridException(field, allowed, raw, field + " must not be empty");
        }
        List<Double> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new InvalidGridException(field, allowed, o, field + " must hold numbers only, got " + o);
            }
            if (!out.contains(n.doubleValue())) {
                out.add(n.doubleValue());
            }
        }
        return out;
    }

    public int size() {
        return size;
    }

    /** The varied settings of combination {@code n}, in grid order. */
    public Map<String, Double> combination(int n) {
        Map<String, Double> out = new LinkedHashMap<>();
        int rest = n;
        int[] digits = new int[keys.size()];
        for (int k = keys.size() - 1; k >= 0; k--) {
            digits[k] = rest % values.get(k).size();
            rest /= values.get(k).size();
        }
        for (int k = 0; k < keys.size(); k++) {
            out.put(keys.get(k), values.get(k).get(digits[k]));
        }
        return out;
    }

    /** The engine settings of combination {@code n}: the base with the varied settings replaced. */
    public DetectionSettings settings(int n) {
        DetectionSettings s = base;
        for (Map.Entry<String, Double> e : combination(n).entrySet()) {
            s = s.with(e.getKey(), e.getValue());
        }
        return s;
    }
}
