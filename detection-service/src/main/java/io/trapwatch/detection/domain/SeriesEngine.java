package io.trapwatch.detection.domain;

import io.trapwatch.model.MonitorStatus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The detection state machine of one series {@code (market_type, symbol, interval)}: takes the closed bars one at a
 * time, oldest first, and applies decision D14 to each (invalidation, then the live monitor's progress, then
 * discovery; D17 pins the details). The live and the historical path both run this class (D15), so equal bars give
 * equal transitions.
 *
 * <p>Per bar: (1) every open monitor whose trigger close is below the bar's close is
 * invalidated; (2) the live monitor, if any, is confirmed, validated or expired; (3) if no
 * monitor is live, discovery may open a new one. Not thread-safe: one engine per series.
 */
public final class SeriesEngine {

    private final DetectionSettings settings;
    private final PhaseEvaluator phases;
    private final BarSeries bars;
    /** Series position of the earliest bar that has enough history to trigger. */
    private final int earliestTrigger;
    /** Monitors that can still change, oldest first: at most one live, any number confirmed (D17.2). */
    private final List<Monitor> open = new ArrayList<>();
    /** The pending or suspected monitor, if any (D4: at most one live monitor per series). */
    private Monitor live;

    /** An engine for a series with no bars yet. */
    public SeriesEngine(DetectionSettings settings) {
        this(settings, 0);
    }

    private SeriesEngine(DetectionSettings settings, int expectedBars) {
        this.settings = settings.validate();
        this.phases = new PhaseEvaluator(settings);
        this.bars = new BarSeries(historyNeeded(settings), expectedBars);
        this.earliestTrigger = Math.max(settings.rvolLookback(), settings.amplitudeLookback());
    }

    /**
     * An engine that behaves exactly like one that processed the whole series, built from the
     * series' latest processed bars and its open monitors.
     *
     * @param recentHistory the latest {@link #historyNeeded} processed bars, oldest first, or the
     *                      whole series if it is shorter (then it is taken as the whole series)
     * @param openMonitors  the series' pending, suspected and confirmed monitors
     * @throws IllegalArgumentException if the bars are not in ascending order, a monitor is not
     *                                  open, more than one is live, or a bar a live monitor needs is missing
     */
    public static SeriesEngine restore(DetectionSettings settings, List<Bar> recentHistory,
                                       List<MonitorState> openMonitors) {
        SeriesEngine engine = new SeriesEngine(settings, recentHistory.size());
        for (Bar bar : recentHistory) {
            if (bar.openTime() <= engine.lastOpenTime()) {
                throw new IllegalArgumentException("recentHistory must be in strictly ascending openTime order, got "
                        + bar.openTime() + " after " + engine.lastOpenTime());
            }
            engine.bars.append(bar);
        }
        List<MonitorState> byTrigger = new ArrayList<>(openMonitors);
        byTrigger.sort(Comparator.comparingLong(MonitorState::triggerTime));
        for (MonitorState state : byTrigger) {
            engine.adopt(state);
        }
        return engine;
    }

    /**
     * How many of the latest processed bars {@link #restore} needs: the discovery lookbacks, the
     * efficiency history of a trigger bar up to {@code confirmationMaxBars} bars back, the
     * confirming bar of a suspected monitor up to {@code validationMaxBars} bars back and the
     * validation window.
     */
    public static int historyNeeded(DetectionSettings settings) {
        int discovery = Math.max(settings.rvolLookback(), settings.amplitudeLookback());
        int confirmation = settings.peHistoricalPeriod() + settings.confirmationMaxBars() - 1;
        int validation = Math.max(settings.validationMaxBars(), settings.validationWindow() - 1);
        return Math.max(discovery, Math.max(confirmation, validation));
    }

    /**
     * Processes one closed bar (D14: invalidation, progress, discovery, in that order).
     *
     * @return the transitions it caused, in D14 step order (D17.5); empty, with nothing changed,
     *         if the bar is not newer than {@link #lastOpenTime()} (a redelivery)
     */
    public List<Transition> onBar(Bar bar) {
        if (bar.openTime() <= lastOpenTime()) {
            return List.of();
        }
        int position = bars.append(bar);
        List<Transition> transitions = new ArrayList<>(0);
        invalidate(bar, transitions);
        if (live != null) {
            progress(live, position, bar, transitions);
        }
        if (live == null && position >= earliestTrigger) {
            discover(position, bar, transitions);
        }
        return transitions.isEmpty() ? List.of() : List.copyOf(transitions);
    }

    /** Open time of the latest processed bar, {@link Long#MIN_VALUE} before the first one. */
    public long lastOpenTime() {
        return bars.lastOpenTime();
    }

    /** The pending, suspected and confirmed monitors, oldest first. */
    public List<MonitorState> openMonitors() {
        return open.stream().map(Monitor::state).toList();
    }

    /** Step 1 (D8): a close strictly above the trigger close invalidates, whatever the open status. */
    private void invalidate(Bar bar, List<Transition> transitions) {
        for (int k = 0; k < open.size(); ) {
            Monitor monitor = open.get(k);
            if (bar.close() > monitor.triggerClose) {
                open.remove(k);
                if (monitor == live) {
                    live = null;
                }
                MonitorStatus from = monitor.status;
                monitor.status = MonitorStatus.INVALIDATED;
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("current_close", bar.close());
                values.put("trigger_price", monitor.triggerClose);
                transitions.add(transition(monitor, from, bar, Transition.INVALIDATION,
                        Collections.unmodifiableMap(values)));
            } else {
                k++;
            }
        }
    }

    /** Step 2: confirmation of a pending monitor, then validation of a suspected one (D5: on the 3rd to 5th
     * bar after the trigger; D6: from the confirming bar on, for at most 30 bars). */
    private void progress(Monitor monitor, int position, Bar bar, List<Transition> transitions) {
        int i = bars.index(position);
        if (monitor.status == MonitorStatus.PENDING) {
            int postTriggerBars = position - monitor.triggerPosition;
            if (postTriggerBars < settings.confirmationMinBars()) {
                return;
            }
            PhaseEvaluator.Evaluation confirmation =
                    phases.confirmation(bars, monitor, bars.index(monitor.triggerPosition), i);
            if (!confirmation.passed()) {
                if (postTriggerBars >= settings.confirmationMaxBars()) {
                    expire(monitor, bar, confirmation, transitions);
                }
                return;
            }
            monitor.status = MonitorStatus.SUSPECTED_ABANDONMENT;
            monitor.phase2Passed = true;
            monitor.confirmPosition = position;
            monitor.confirmTime = bar.openTime();
            transitions.add(transition(monitor, MonitorStatus.PENDING, bar, Transition.CONFIRMATION,
                    confirmation.indicators()));
        }
        // Suspected, possibly since this very bar: the confirming bar is validation bar 0.
        PhaseEvaluator.Evaluation validation = phases.validation(bars, i);
        if (validation.passed()) {
            monitor.status = MonitorStatus.CONFIRMED_ABANDONMENT;
            monitor.phase3Passed = true;
            live = null;
            transitions.add(transition(monitor, MonitorStatus.SUSPECTED_ABANDONMENT, bar, Transition.VALIDATION,
                    validation.indicators()));
        } else if (position - monitor.confirmPosition >= settings.validationMaxBars()) {
            expire(monitor, bar, validation, transitions);
        }
    }

    /** The phase ran out of bars: the monitor ends with the values of its last evaluation. */
    private void expire(Monitor monitor, Bar bar, PhaseEvaluator.Evaluation last, List<Transition> transitions) {
        MonitorStatus from = monitor.status;
        monitor.status = MonitorStatus.EXPIRED;
        open.remove(monitor);
        live = null;
        transitions.add(transition(monitor, from, bar, Transition.EXPIRY, last.indicators()));
    }

    /** Step 3: a new pending monitor whose trigger bar is this bar. */
    private void discover(int position, Bar bar, List<Transition> transitions) {
        PhaseEvaluator.Evaluation discovery = phases.discovery(bars, bars.index(position));
        if (!discovery.passed()) {
            return;
        }
        Monitor monitor = Monitor.discovered(bar, position);
        open.add(monitor);
        live = monitor;
        transitions.add(transition(monitor, null, bar, Transition.DISCOVERY, discovery.indicators()));
    }

    private void adopt(MonitorState state) {
        MonitorStatus status = state.status();
        if (status == null || status.isTerminal()) {
            throw new IllegalArgumentException("only open monitors can be restored, got " + status
                    + " for trigger " + state.triggerTime());
        }
        if (status.isLive() && live != null) {
            throw new IllegalArgumentException("at most one pending or suspected monitor per series, got triggers "
                    + live.triggerTime + " and " + state.triggerTime());
        }
        int triggerPosition = Monitor.UNKNOWN_POSITION;
        int confirmPosition = Monitor.UNKNOWN_POSITION;
        if (status == MonitorStatus.PENDING) {
            triggerPosition = requirePosition(state.triggerTime(), "trigger", state);
        } else if (status == MonitorStatus.SUSPECTED_ABANDONMENT) {
            confirmPosition = requirePosition(state.confirmTime(), "confirming", state);
        }
        Monitor monitor = Monitor.restored(state, triggerPosition, confirmPosition);
        open.add(monitor);
        if (status.isLive()) {
            live = monitor;
        }
    }

    private int requirePosition(long openTime, String role, MonitorState state) {
        int position = bars.positionOf(openTime);
        if (position < 0) {
            throw new IllegalArgumentException("the " + role + " bar " + openTime + " of the " + state.status()
                    + " monitor with trigger " + state.triggerTime() + " is not in recentHistory");
        }
        return position;
    }

    private static Transition transition(Monitor monitor, MonitorStatus from, Bar bar, String reason,
                                         Map<String, Object> indicators) {
        return new Transition(monitor.triggerTime, from, monitor.status, bar.openTime(), bar.close(), reason,
                indicators, monitor.state());
    }
}
