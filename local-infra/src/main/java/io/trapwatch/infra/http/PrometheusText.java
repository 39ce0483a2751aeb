package io.trapwatch.infra.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The samples of a Prometheus text exposition ({@code /q/metrics}), by series name with its labels as written. */
public final class PrometheusText {

    private final Map<String, Double> samples = new LinkedHashMap<>();

    private PrometheusText(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int split = line.lastIndexOf(' ');
            samples.put(line.substring(0, split).trim(), Double.parseDouble(line.substring(split + 1).trim()));
        }
    }

    public static PrometheusText parse(String text) {
        return new PrometheusText(text);
    }

    /** The metric names exposed (series names without labels). */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.keySet().forEach(series -> names.add(series.contains("{") ? series.substring(0, series.indexOf('{')) : series));
        return names;
    }

    /**
     * The sum over every series of {@code name} carrying all the given label pairs ({@code "market_type", "spot"});
     * 0 when there is none.
     */
    public double sum(String name, String... labels) {
        double total = 0;
        for (Map.Entry<String, Double> sample : samples.entrySet()) {
            String series = sample.getKey();
            String bare = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
            if (bare.equals(name) && hasLabels(series, labels)) {
                total += sample.getValue();
            }
        }
        return total;
    }

    private static boolean hasLabels(String series, String... labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!series.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                return false;
            }
        }
        return true;
    }
}
