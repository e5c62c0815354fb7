-- API keys: only the SHA-256 of a key is stored.
CREATE TABLE api_key (
    key_hash   TEXT        PRIMARY KEY,
    name       TEXT        NOT NULL,
    tenant     TEXT        NOT NULL,
    role       TEXT        NOT NULL CHECK (role IN ('viewer', 'submitter', 'operator')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ
);

-- Read model of suites, fed by suite-lifecycle (and by the gateway's own accepted submissions).
CREATE TABLE suite (
    suite_id      TEXT        PRIMARY KEY,
    tenant        TEXT        NOT NULL,
    request_id    TEXT        NOT NULL,
    project       TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    priority      TEXT        NOT NULL,
    kinds         TEXT        NOT NULL,  -- JSON array
    fail_fast     BOOLEAN     NOT NULL,
    origin        TEXT        NOT NULL,
    requested_by  TEXT,
    plan_revision INT,
    outcome       TEXT,
    detail        TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX suite_tenant_created ON suite (tenant, created_at DESC, suite_id);
