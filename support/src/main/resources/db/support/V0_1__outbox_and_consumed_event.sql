-- Shared by every service (migration location db/support), created in the service's own schema.

-- Transactional outbox: rows are written in the transaction that changes the state they announce.
CREATE TABLE outbox_event (
    seq        BIGSERIAL   PRIMARY KEY,
    id         UUID        NOT NULL UNIQUE,
    topic      TEXT        NOT NULL,
    event_key  TEXT        NOT NULL,
    type       TEXT        NOT NULL,
    subject    TEXT        NOT NULL,
    tenant     TEXT        NOT NULL,
    payload    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Wakes the relay when a transaction that wrote outbox rows commits (NOTIFY is delivered at commit).
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_TABLE_SCHEMA || '_outbox', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Consumed-event guard: one row per consumer and CloudEvent id, written with the state change.
CREATE TABLE consumed_event (
    consumer    TEXT        NOT NULL,
    event_id    TEXT        NOT NULL,
    consumed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX consumed_event_age ON consumed_event (consumed_at);
