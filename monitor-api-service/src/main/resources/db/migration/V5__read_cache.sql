-- The read model's version: one number, raised by every projection transaction that changes what the read API
-- answers (monitors, outcomes, current prices), in that same transaction. Each instance keys its response cache
-- and its ETags by it, so an answer cached before a commit is never served after it; an instance learns of its own
-- commits at once and of other instances' by polling this row (ReadModelVersion).
-- Raised as the projection's last statement: its row lock, which orders concurrent projections, is held only
-- until the commit that follows.
CREATE TABLE read_model_version (
    id      BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
    version BIGINT  NOT NULL
);
INSERT INTO read_model_version (id, version) VALUES (TRUE, 0);

-- Monitors per (market, interval, status, UTC day of the trigger time), maintained in the projector's transaction
-- like monitor_count: a list count with a date range (whole UTC days) and no symbol sums at most a few hundred of
-- these rows instead of counting every monitor of the range (30 days of 100,000 monitors: ~4,300 index entries).
CREATE TABLE monitor_day_count (
    market_type  VARCHAR(8)  NOT NULL,
    bar_interval VARCHAR(4)  NOT NULL,
    status       VARCHAR(24) NOT NULL,
    trigger_day  DATE        NOT NULL,
    monitors     BIGINT      NOT NULL,
    PRIMARY KEY (market_type, bar_interval, status, trigger_day)
);
CREATE INDEX monitor_day_count_day_idx ON monitor_day_count (trigger_day);
INSERT INTO monitor_day_count (market_type, bar_interval, status, trigger_day, monitors)
SELECT market_type, bar_interval, status, (trigger_time AT TIME ZONE 'UTC')::date, count(*)
FROM monitor GROUP BY 1, 2, 3, 4;
