package io.trapwatch.detection.service;

import io.trapwatch.detection.domain.Transition;

import java.util.List;

/** What one call of {@link SeriesProcessor#process} did: bars newly processed and the transitions they caused. */
public record ProcessedBars(int bars, List<Transition> transitions) {

    /** Transitions caused by bars opening at or after {@code fromMillis}. */
    public TransitionTally tallyFrom(long fromMillis) {
        TransitionTally tally = TransitionTally.NONE;
        for (Transition t : transitions) {
            if (t.barOpenTime() >= fromMillis) {
                tally = tally.plus(t.reason());
            }
        }
        return tally;
    }
}
