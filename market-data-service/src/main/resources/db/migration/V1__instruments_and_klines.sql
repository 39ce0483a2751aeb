-- market_data schema: the instrument universe, closed K-lines and the outbox of kline-closed events.

CREATE TABLE instrument (
    id           BIGSERIAL PRIMARY KEY,
    exchange     VARCHAR(32)  NOT NULL,
    market_type  VARCHAR(16)  NOT NULL CHECK (market_type IN ('spot', 'futures')),
    symbol       VARCHAR(32)  NOT NULL,
    status       VARCHAR(16)  NOT NULL CHECK (status IN ('active', 'delisted')),
    base_asset   VARCHAR(32),
    quote_asset  VARCHAR(32),
    last_price   NUMERIC CHECK (last_price >= 0),
    first_seen   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    CONSTRAINT uq_instrument UNIQUE (exchange, market_type, symbol)
);
CREATE INDEX idx_instrument_market_status ON instrument (market_type, status, symbol);

-- Unconstrained NUMERIC keeps the exchange's exact decimal string (D9): nothing is rounded on the way in.
CREATE TABLE kline (
    market_type            VARCHAR(16) NOT NULL CHECK (market_type IN ('spot', 'futures')),
    symbol                 VARCHAR(32) NOT NULL,
    interval               VARCHAR(4)  NOT NULL CHECK (interval IN ('1h', '4h', '1d')),
    open_time              TIMESTAMPTZ NOT NULL,
    close_time             TIMESTAMPTZ NOT NULL,
    open                   NUMERIC     NOT NULL,
    high                   NUMERIC     NOT NULL,
    low                    NUMERIC     NOT NULL,
    close                  NUMERIC     NOT NULL,
    volume                 NUMERIC     NOT NULL CHECK (volume >= 0),
    quote_volume           NUMERIC     NOT NULL CHECK (quote_volume >= 0),
    trade_count            BIGINT      NOT NULL CHECK (trade_count >= 0),
    taker_buy_volume       NUMERIC     NOT NULL CHECK (taker_buy_volume >= 0),
    taker_buy_quote_volume NUMERIC     NOT NULL CHECK (taker_buy_quote_volume >= 0),
    stored_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (market_type, symbol, interval, open_time),
    CHECK (close_time > open_time),
    CHECK (low <= high AND low <= open AND open <= high AND low <= close AND close <= high)
);

-- Transactional outbox: one row per newly stored bar, written in the same transaction as the bar and
-- deleted only after the broker acknowledged the event. The id orders events per series.
CREATE TABLE kline_outbox (
    id           BIGSERIAL PRIMARY KEY,
    market_type  VARCHAR(16) NOT NULL,
    symbol       VARCHAR(32) NOT NULL,
    interval     VARCHAR(4)  NOT NULL,
    open_time    TIMESTAMPTZ NOT NULL,
    update_run   UUID        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
