package io.trapwatch.detection.domain;

import io.trapwatch.model.MonitorStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One series replayed through a fresh engine — the live engine (D15) — with the outcome of every monitor it produces
 * (D18: a short from the bar after the trigger), for threshold sweeps. An optional cut splits the series in time:
 * monitors triggered before the cut are reported as the replay stood at the last bar before it (status and outcome
 * from the earlier bars only, so nothing after the cut leaks into them); monitors triggered from the cut on are
 * reported at the end.
 */
public final class SeriesBacktest {

    /**
     * A monitor of the replay.
     *
     * @param phaseReached 1 = pending only, 2 = reached suspected_abandonment, 3 = reached confirmed_abandonment
     */
    public record MonitorResult(long triggerTime, MonitorStatus status, int phaseReached, OutcomeState outcome) {
    }

    /** @param before monitors triggered before the cut; {@code after} those triggered from it on */
    public record Replay(List<MonitorResult> before, List<MonitorResult> after, int bars) {
    }

    private SeriesBacktest() {
    }

    /**
     * @param bars            the series from its first stored bar (D17.7), ascending
     * @param cut             index of the first bar of the later part; {@code bars.size()} for no split
     * @param observationBars outcome window (0 = every bar since the entry)
     */
    public static Replay run(DetectionSettings settings, List<Bar> bars, int cut, int observationBars) {
        SeriesEngine engine = new SeriesEngine(settings);
        Map<Long, Integer> triggerIndex = new LinkedHashMap<>();
        Map<Long, MonitorState> latest = new LinkedHashMap<>();
        List<MonitorResult> before = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            if (i == cut) {
                before = results(latest, triggerIndex, bars.subList(0, cut), observationBars);
                latest.clear();
            }
            for (Transition t : engine.onBar(bars.get(i))) {
                if (t.from() == null) {
                    triggerIndex.put(t.triggerTime(), i);
                }
                if (i < cut || triggerIndex.get(t.triggerTime()) >= cut) {
                    latest.put(t.triggerTime(), t.after());
                }
            }
        }
        List<MonitorResult> rest = results(latest, triggerIndex, bars, observationBars);
        return cut >= bars.size() ? new Replay(rest, List.of(), bars.size()) : new Replay(before, rest, bars.size());
    }

    private static List<MonitorResult> results(Map<Long, MonitorState> latest, Map<Long, Integer> triggerIndex,
                                               List<Bar> bars, int observationBars) {
        List<MonitorResult> out = new ArrayList<>(latest.size());
        for (MonitorState m : latest.values()) {
            int phase = m.phase3Passed() ? 3 : m.phase2Passed() ? 2 : 1;
            out.add(new MonitorResult(m.triggerTime(), m.status(), phase,
                    OutcomeCalculator.compute(bars, triggerIndex.get(m.triggerTime()), observationBars)));
        }
        return out;
    }
}
