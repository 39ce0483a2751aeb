-- detection-service owns this schema; no other service reads or writes it.

-- One row per series: the processing cursor. Advancing it in the same transaction as the effects of a bar
-- is what makes redelivered and older bars harmless.
CREATE TABLE series_state (
    id             BIGSERIAL PRIMARY KEY,
    market_type    VARCHAR(16) NOT NULL,
    symbol         VARCHAR(32) NOT NULL,
    kline_interval    VARCHAR(8)  NOT NULL,
    last_open_time TIMESTAMPTZ,
    bars_processed BIGINT      NOT NULL DEFAULT 0,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT series_state_key UNIQUE (market_type, symbol, kline_interval)
);

-- The service's own copy of every bar it processed, at the exchange's precision, so a restart rebuilds the
-- engine without reading another service's tables.
CREATE TABLE series_bar (
    series_id BIGINT         NOT NULL REFERENCES series_state (id),
    open_time TIMESTAMPTZ    NOT NULL,
    open      NUMERIC(38, 18) NOT NULL,
    high      NUMERIC(38, 18) NOT NULL,
    low       NUMERIC(38, 18) NOT NULL,
    close     NUMERIC(38, 18) NOT NULL,
    volume    NUMERIC(38, 18) NOT NULL,
    PRIMARY KEY (series_id, open_time)
);

-- Monitor and transition ids come from sequences handed out 50 at a time, so their inserts go to the
-- database in JDBC batches (an identity column would force one round trip per row).
CREATE SEQUENCE monitor_seq INCREMENT BY 50;
CREATE SEQUENCE monitor_transition_seq INCREMENT BY 50;

CREATE TABLE monitor (
    id             BIGINT PRIMARY KEY DEFAULT nextval('monitor_seq'),
    monitor_key    VARCHAR(96)     NOT NULL UNIQUE,
    market_type    VARCHAR(16)     NOT NULL,
    symbol         VARCHAR(32)     NOT NULL,
    kline_interval    VARCHAR(8)      NOT NULL,
    trigger_time   TIMESTAMPTZ     NOT NULL,
    trigger_price  NUMERIC(38, 18) NOT NULL,
    trigger_high   NUMERIC(38, 18) NOT NULL,
    trigger_low    NUMERIC(38, 18) NOT NULL,
    trigger_volume NUMERIC(38, 18) NOT NULL,
    status         VARCHAR(32)     NOT NULL,
    phase_1_passed BOOLEAN         NOT NULL,
    phase_2_passed BOOLEAN         NOT NULL,
    phase_3_passed BOOLEAN         NOT NULL,
    confirm_time   TIMESTAMPTZ,
    last_bar_time  TIMESTAMPTZ     NOT NULL,
    last_close     NUMERIC(38, 18) NOT NULL,
    version        INTEGER         NOT NULL,
    created_at     TIMESTAMPTZ     NOT NULL,
    updated_at     TIMESTAMPTZ     NOT NULL,
    CONSTRAINT monitor_series_trigger UNIQUE (market_type, symbol, kline_interval, trigger_time)
);
CREATE INDEX monitor_series_status ON monitor (market_type, symbol, kline_interval, status);

CREATE TABLE monitor_transition (
    id          BIGINT PRIMARY KEY DEFAULT nextval('monitor_transition_seq'),
    monitor_id  BIGINT          NOT NULL REFERENCES monitor (id),
    sequence    INTEGER         NOT NULL,
    from_status VARCHAR(32),
    to_status   VARCHAR(32)     NOT NULL,
    bar_time    TIMESTAMPTZ     NOT NULL,
    bar_close   NUMERIC(38, 18) NOT NULL,
    reason      VARCHAR(16)     NOT NULL,
    recorded_at TIMESTAMPTZ     NOT NULL,
    CONSTRAINT monitor_transition_sequence UNIQUE (monitor_id, sequence)
);

-- Every detector value of the evaluation that decided the transition (snake_case keys, unrounded).
CREATE TABLE indicator_snapshot (
    transition_id BIGINT PRIMARY KEY REFERENCES monitor_transition (id),
    indicators    JSONB NOT NULL
);

-- MonitorStateChanged events written in the transaction of the transition, published by the drainer in id order.
-- Outbox ids are taken one at a time when the row is written (under the series lock), so id order is the
-- order of the transitions of each series across instances; being a plain sequence rather than an identity
-- column lets the rows go to the database in JDBC batches with the rest of the transaction.
CREATE SEQUENCE outbox_seq;

CREATE TABLE outbox (
    id          BIGINT PRIMARY KEY DEFAULT nextval('outbox_seq'),
    topic       VARCHAR(128) NOT NULL,
    message_key VARCHAR(96)  NOT NULL,
    event_id    VARCHAR(128) NOT NULL,
    payload     TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);

CREATE TABLE scan (
    id              UUID PRIMARY KEY,
    status          VARCHAR(16)  NOT NULL,
    market_type     VARCHAR(16)  NOT NULL,
    kline_interval     VARCHAR(8)   NOT NULL,
    dry_run         BOOLEAN      NOT NULL,
    request         JSONB        NOT NULL,
    series_total    INTEGER      NOT NULL DEFAULT 0,
    series_done     INTEGER      NOT NULL DEFAULT 0,
    bars_processed  BIGINT       NOT NULL DEFAULT 0,
    result          JSONB,
    error           TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    finished_at     TIMESTAMPTZ
);
