-- The audit trail: one hash chain per suite (tenant + suite id). See audit-service/README.md for the hash definition.

-- The head of each chain: last seq and hash. Appends lock this row (SELECT ... FOR UPDATE) so that events of one
-- suite arriving on different topics at the same time are chained one after the other.
CREATE TABLE chain_head (
    tenant     TEXT        NOT NULL,
    suite_id   TEXT        NOT NULL,
    seq        BIGINT      NOT NULL,
    hash       TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, suite_id)
);

-- Append-only entries. payload is the canonical JSON text exactly as hashed.
CREATE TABLE audit_entry (
    tenant          TEXT        NOT NULL,
    suite_id        TEXT        NOT NULL,
    seq             BIGINT      NOT NULL CHECK (seq >= 1),
    event_id        TEXT        NOT NULL UNIQUE,
    type            TEXT        NOT NULL,
    source          TEXT,
    subject         TEXT,
    topic           TEXT        NOT NULL,
    kafka_partition INT         NOT NULL,
    kafka_offset    BIGINT      NOT NULL,
    event_time      TIMESTAMPTZ,
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    payload         TEXT        NOT NULL,
    prev_hash       TEXT        NOT NULL,
    hash            TEXT        NOT NULL,
    PRIMARY KEY (tenant, suite_id, seq)
);

-- Nobody changes or removes an entry, the service included.
CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % is not allowed', TG_OP;
END
$$;

CREATE TRIGGER audit_entry_no_update_delete BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();

CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
