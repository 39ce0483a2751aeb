-- The outcome of every monitor (decision D18), kept up to date as bars close. It lives here, next to the monitors
-- and the bars it is computed from; monitor-api-service gets it through MonitorOutcomesChanged events.
-- The columns are the tracker's raw state (OutcomeState): enough to carry on with the next bar and to derive
-- every reported figure. Indices count from the entry bar (0); NULL = none yet.
CREATE TABLE monitor_outcome (
    monitor_key      VARCHAR(96)     PRIMARY KEY,
    series_id        BIGINT          NOT NULL REFERENCES series_state (id),
    -- Counts the changes; each change is published with it, so consumers keep the newest.
    version          INTEGER         NOT NULL,
    status           VARCHAR(20)     NOT NULL CHECK (status IN ('insufficient_data', 'open', 'completed')),
    observation_bars INTEGER         NOT NULL,
    trigger_time     TIMESTAMPTZ     NOT NULL,
    trigger_close    NUMERIC(38, 18) NOT NULL,
    observed         INTEGER         NOT NULL,
    entry_time       TIMESTAMPTZ,
    entry_price      NUMERIC(38, 18),
    lowest_index     INTEGER,
    lowest_time      TIMESTAMPTZ,
    lowest_price     NUMERIC(38, 18),
    rebound_high     NUMERIC(38, 18),
    max_high         NUMERIC(38, 18),
    stop_index       INTEGER,
    stop_time        TIMESTAMPTZ,
    stop_price       NUMERIC(38, 18),
    last_time        TIMESTAMPTZ     NOT NULL,
    last_close       NUMERIC(38, 18),
    updated_at       TIMESTAMPTZ     NOT NULL
);
-- The live path reads the unfinished outcomes of the series in a batch with one query.
CREATE INDEX monitor_outcome_unfinished ON monitor_outcome (series_id) WHERE status <> 'completed';
