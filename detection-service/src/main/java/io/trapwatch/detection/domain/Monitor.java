package io.trapwatch.detection.domain;

import io.trapwatch.model.MonitorStatus;

/** The engine's mutable view of one monitor: the stored state plus the series positions it needs. */
final class Monitor {

    /** Position of a bar the engine does not need to locate. */
    static final int UNKNOWN_POSITION = -1;

    final long triggerTime;
    final double triggerClose;
    final double triggerHigh;
    final double triggerLow;
    final double triggerVolume;
    /** Series position of the trigger bar; needed while pending. */
    final int triggerPosition;
    MonitorStatus status;
    long confirmTime;
    /** Series position of the confirming bar; needed while suspected. */
    int confirmPosition;
    final boolean phase1Passed;
    boolean phase2Passed;
    boolean phase3Passed;

    private Monitor(MonitorState state, int triggerPosition, int confirmPosition) {
        this.triggerTime = state.triggerTime();
        this.triggerClose = state.triggerClose();
        this.triggerHigh = state.triggerHigh();
        this.triggerLow = state.triggerLow();
        this.triggerVolume = state.triggerVolume();
        this.status = state.status();
        this.confirmTime = state.confirmTime();
        this.phase1Passed = state.phase1Passed();
        this.phase2Passed = state.phase2Passed();
        this.phase3Passed = state.phase3Passed();
        this.triggerPosition = triggerPosition;
        this.confirmPosition = confirmPosition;
    }

    /** A new pending monitor whose trigger bar (carried with its exact values, D9) is {@code bar}. */
    static Monitor discovered(Bar bar, int position) {
        MonitorState state = new MonitorState(bar.openTime(), bar.close(), bar.high(), bar.low(), bar.volume(),
                MonitorStatus.PENDING, MonitorState.NOT_CONFIRMED, true, false, false);
        return new Monitor(state, position, UNKNOWN_POSITION);
    }

    /** A monitor taken over from stored state, with the positions of its bars in the restored series. */
    static Monitor restored(MonitorState state, int triggerPosition, int confirmPosition) {
        return new Monitor(state, triggerPosition, confirmPosition);
    }

    MonitorState state() {
        return new MonitorState(triggerTime, triggerClose, triggerHigh, triggerLow, triggerVolume, status,
                confirmTime, phase1Passed, phase2Passed, phase3Passed);
    }
}
