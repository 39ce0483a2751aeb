package io.trapwatch.detection.domain;

import java.util.ArrayList;
import java.util.List;

/** Runs series through engines and renders transitions of {@link SeriesBuilder} series compactly. */
final class EngineRuns {

    private EngineRuns() {
    }

    static List<Transition> run(DetectionSettings settings, List<Bar> bars) {
        SeriesEngine engine = new SeriesEngine(settings);
        List<Transition> transitions = new ArrayList<>();
        for (Bar bar : bars) {
            transitions.addAll(engine.onBar(bar));
        }
        return transitions;
    }

    /** {@code "<bar> <from>-><to> #<trigger bar>"}, bars as indices, {@code new} for a creation. */
    static List<String> describe(List<Transition> transitions) {
        return transitions.stream()
                .map(t -> SeriesBuilder.index(t.barOpenTime()) + " " + (t.from() == null ? "new" : t.from().wire())
                        + "->" + t.to().wire() + " #" + SeriesBuilder.index(t.triggerTime()))
                .toList();
    }
}
