package io.trapwatch.monitorapi.domain;

/**
 * What to send to one Telegram chat now, under its limit of {@code limit} messages per window: one message per
 * waiting transition while they fit in what is left of the window, otherwise all of them merged into one summary
 * (never dropped); nothing while the window is used up.
 */
public enum ChatPlan {
    WAIT, EACH, SUMMARY;

    public static ChatPlan of(int waiting, int sentInWindow, int limit) {
        int left = limit - sentInWindow;
        if (waiting == 0 || left <= 0) {
            return WAIT;
        }
        // One message of the window stays in reserve, so the next burst can still go out as a summary at once.
        return waiting == 1 || waiting < left ? EACH : SUMMARY;
    }
}
