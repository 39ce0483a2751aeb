-- Alerts: subscriptions and their deliveries (webhook, Telegram), one per transition that matches.

CREATE TABLE alert_subscription (
    id                   BIGSERIAL    PRIMARY KEY,
    channel              VARCHAR(8)   NOT NULL CHECK (channel IN ('webhook', 'telegram')),
    webhook_url          TEXT,
    -- AES-256-GCM: 12-byte nonce followed by ciphertext and tag (key from configuration). Never returned.
    webhook_secret       BYTEA,
    -- Name of the configuration entry / environment variable (e.g. from a Kubernetes Secret) holding the bot token.
    telegram_token_ref   VARCHAR(128),
    telegram_chat_id     VARCHAR(64),
    market_types         TEXT[]       NOT NULL,
    intervals            TEXT[]       NOT NULL,
    -- NULL = every symbol.
    symbols              TEXT[],
    statuses             TEXT[]       NOT NULL,
    -- Liquidity floor: trigger volume × trigger price (quote currency) must be at least this.
    min_trigger_quote_volume NUMERIC  NOT NULL,
    enabled              BOOLEAN      NOT NULL,
    -- Set when deliveries kept failing; cleared when the subscription is enabled again.
    paused_at            TIMESTAMPTZ,
    consecutive_failures INTEGER      NOT NULL DEFAULT 0,
    created_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL,
    CHECK ((channel = 'webhook' AND webhook_url IS NOT NULL AND webhook_secret IS NOT NULL)
        OR (channel = 'telegram' AND telegram_token_ref IS NOT NULL AND telegram_chat_id IS NOT NULL))
);

-- Transitions to alert on, written in the projector's transaction (one row per new transition, whatever the number
-- of subscriptions), fanned out to deliveries afterwards. Kept after fan-out: a replayed event finds its row and
-- alerts nobody twice, also across a read-model rebuild.
CREATE TABLE alert_transition (
    id                   BIGSERIAL    PRIMARY KEY,
    monitor_key          VARCHAR(128) NOT NULL,
    sequence             INTEGER      NOT NULL,
    market_type          VARCHAR(8)   NOT NULL,
    symbol               VARCHAR(32)  NOT NULL,
    bar_interval         VARCHAR(4)   NOT NULL,
    to_status            VARCHAR(24)  NOT NULL,
    trigger_quote_volume NUMERIC      NOT NULL,
    created_at           TIMESTAMPTZ  NOT NULL,
    fanned_out           BOOLEAN      NOT NULL DEFAULT FALSE,
    UNIQUE (monitor_key, sequence)
);
CREATE INDEX alert_transition_pending_idx ON alert_transition (id) WHERE NOT fanned_out;

-- One row per (subscription, transition): the unique key is what makes a redelivered or reordered event harmless.
CREATE TABLE alert_delivery (
    id                   BIGSERIAL    PRIMARY KEY,
    subscription_id      BIGINT       NOT NULL REFERENCES alert_subscription (id) ON DELETE CASCADE,
    transition_id        BIGINT       NOT NULL REFERENCES alert_transition (id),
    monitor_key          VARCHAR(128) NOT NULL,
    sequence             INTEGER      NOT NULL,
    status               VARCHAR(10)  NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts             INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at      TIMESTAMPTZ  NOT NULL,
    last_error           TEXT,
    delivered_at         TIMESTAMPTZ,
    -- Telegram: the message that carried it (its own or a summary).
    telegram_message_id  BIGINT,
    created_at           TIMESTAMPTZ  NOT NULL,
    UNIQUE (subscription_id, monitor_key, sequence)
);
CREATE INDEX alert_delivery_due_idx ON alert_delivery (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX alert_delivery_subscription_idx ON alert_delivery (subscription_id, id);

-- The first Telegram message about a monitor per subscription: later ones reply to it (one thread per trap).
CREATE TABLE telegram_thread (
    subscription_id      BIGINT       NOT NULL REFERENCES alert_subscription (id) ON DELETE CASCADE,
    monitor_key          VARCHAR(128) NOT NULL,
    root_message_id      BIGINT       NOT NULL,
    PRIMARY KEY (subscription_id, monitor_key)
);

-- Messages sent per chat, for the per-chat rate limit (rows older than the window are deleted).
CREATE TABLE telegram_send (
    chat_key             VARCHAR(200) NOT NULL,
    sent_at              TIMESTAMPTZ  NOT NULL
);
CREATE INDEX telegram_send_chat_idx ON telegram_send (chat_key, sent_at);
