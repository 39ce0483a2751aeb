package io.trapwatch.model;

/** Kafka topic and SmallRye channel names shared by producers and consumers. */
public final class Topics {

    /** One record per newly stored closed bar; key {@code market:symbol:interval}. */
    public static final String KLINE_CLOSED = "trapwatch.kline-closed.v1";

    /** One record per monitor transition; key {@code market:symbol:interval}. */
    public static final String MONITOR_STATE_CHANGED = "trapwatch.monitor-state-changed.v1";

    /**
     * One record per series and transaction that changed outcomes (decision D18: each monitor's short-after-trigger
     * result); key {@code market:symbol:interval}.
     */
    public static final String MONITOR_OUTCOMES_CHANGED = "trapwatch.monitor-outcomes-changed.v1";

    /** SmallRye channels of the consumers (producers publish through their outbox, without a channel). */
    public static final String KLINE_CLOSED_IN = "kline-closed-in";
    public static final String MONITOR_STATE_CHANGED_IN = "monitor-state-changed-in";
    public static final String MONITOR_OUTCOMES_CHANGED_IN = "monitor-outcomes-changed-in";

    private Topics() {
    }
}
