package io.trapwatch.detection.service;

import io.trapwatch.detection.domain.ClosedBar;
import io.trapwatch.detection.domain.DetectionSettings;
import io.trapwatch.detection.domain.MonitorState;
import io.trapwatch.detection.domain.SeriesEngine;
import io.trapwatch.detection.domain.Transition;
import io.trapwatch.model.MonitorStateChanged;
import io.trapwatch.model.SeriesKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a series' bars through a fresh engine and keeps, in memory only, the monitors it would have produced.
 * The replay starts at the first bar given (the series' first stored bar, D17.7); {@code from} only selects
 * what is reported: the transitions caused by bars opening at or after it, and the monitors having one.
 */
public final class DryRunReplay {

    private final SeriesKey series;
    private final SeriesEngine engine;
    private final Map<Long, Replayed> monitors = new LinkedHashMap<>();
    private int bars;

    public DryRunReplay(SeriesKey series, DetectionSettings settings) {
        this.series = series;
        this.engine = new SeriesEngine(settings);
    }

    public void feed(List<ClosedBar> page) {
        for (ClosedBar bar : page) {
            for (Transition t : engine.onBar(bar.toBar())) {
                Replayed m = t.from() == null ? new Replayed(bar) : monitors.get(t.triggerTime());
                if (m == null) {
                    throw new IllegalStateException("engine moved unknown monitor triggered at " + t.triggerTime());
                }
                monitors.putIfAbsent(t.triggerTime(), m);
                m.apply(t, bar);
            }
            bars++;
        }
    }

    public int bars() {
        return bars;
    }

    public TransitionTally tallyFrom(Instant from) {
        TransitionTally tally = TransitionTally.NONE;
        for (Replayed m : monitors.values()) {
            for (MonitorView.TransitionView t : m.log) {
                if (from == null || !t.barTime().isBefore(from)) {
                    tally = tally.plus(t.reason());
                }
            }
        }
        return tally;
    }

    public List<MonitorView> monitorsFrom(Instant from) {
        List<MonitorView> views = new ArrayList<>();
        for (Replayed m : monitors.values()) {
            if (from == null || !m.lastBar.openTime().isBefore(from)) {
                views.add(m.view());
            }
        }
        return views;
    }

    private final class Replayed {
        final ClosedBar trigger;
        final List<MonitorView.TransitionView> log = new ArrayList<>();
        MonitorState state;
        ClosedBar lastBar;

        Replayed(ClosedBar trigger) {
            this.trigger = trigger;
        }

        void apply(Transition t, ClosedBar bar) {
            log.add(new MonitorView.TransitionView(log.size() + 1, t.from(), t.to(), bar.openTime(), bar.close(),
                    t.reason(), t.indicators(), null));
            state = t.after();
            lastBar = bar;
        }

        MonitorView view() {
            return new MonitorView(MonitorStateChanged.monitorKey(series, trigger.openTime()), series.marketType(),
                    series.symbol(), series.interval(), trigger.openTime(), trigger.close(), trigger.volume(),
                    trigger.high(), trigger.low(), state.status(), state.phase1Passed(), state.phase2Passed(),
                    state.phase3Passed(), state.confirmTime() < 0 ? null : Instant.ofEpochMilli(state.confirmTime()),
                    lastBar.openTime(), lastBar.close(), log.size(), List.copyOf(log));
        }
    }
}
