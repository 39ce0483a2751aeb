-- Outcome of every monitor (decision D18), projected from detection-service's MonitorOutcomesChanged events.
-- Keyed by monitor_key, not by monitor.id: an outcome may arrive before its monitor (two topics); the API joins
-- them and shows an outcome once both are here. Percentages as published (2 decimals), prices exact.
CREATE TABLE monitor_outcome (
    monitor_key          VARCHAR(128) PRIMARY KEY,
    -- Highest outcome version applied; an older or equal one changes nothing.
    version              INTEGER      NOT NULL,
    status               VARCHAR(20)  NOT NULL CHECK (status IN ('insufficient_data', 'open', 'completed')),
    observation_bars     INTEGER      NOT NULL,
    bars_observed        INTEGER,
    trigger_time         TIMESTAMPTZ  NOT NULL,
    entry_time           TIMESTAMPTZ,
    entry_price          NUMERIC,
    lowest_time          TIMESTAMPTZ,
    lowest_price         NUMERIC,
    bars_to_lowest       INTEGER,
    max_profit_percent   NUMERIC,
    has_rebound          BOOLEAN      NOT NULL,
    rebound_high_price   NUMERIC,
    rebound_percent      NUMERIC,
    max_drawdown_percent NUMERIC,
    -- Exit 1: hold to the end of the observation window.
    hold_exit_time       TIMESTAMPTZ,
    hold_exit_price      NUMERIC,
    hold_profit_percent  NUMERIC,
    -- Exit 2: the invalidation stop (first close above the trigger price inside the window).
    stop_exit_time       TIMESTAMPTZ,
    stop_exit_price      NUMERIC,
    stop_profit_percent  NUMERIC,
    stop_exited_by       VARCHAR(16),
    updated_at           TIMESTAMPTZ  NOT NULL
);
CREATE INDEX monitor_outcome_entry_idx ON monitor_outcome (entry_time DESC);
CREATE INDEX monitor_outcome_status_idx ON monitor_outcome (status, entry_time DESC);
