-- Projects requests may name, loaded from registered manifests.
CREATE TABLE project (
    key               TEXT        PRIMARY KEY,  -- tenant/id
    tenant            TEXT        NOT NULL,
    id                TEXT        NOT NULL,
    phases            TEXT        NOT NULL,  -- JSON array of the manifest's phase names
    manifest_revision INT         NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant, id)
);

-- Accepted requests; (tenant, request_id) is the idempotency key: the same request twice is one suite.
CREATE TABLE suite_request (
    suite_id    TEXT        PRIMARY KEY,
    tenant      TEXT        NOT NULL,
    request_id  TEXT        NOT NULL,
    project     TEXT        NOT NULL,
    origin      TEXT        NOT NULL,
    request     TEXT        NOT NULL,  -- the normalised SuiteRequested as JSON
    accepted_at TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant, request_id)
);

-- Requests from the topic that were refused, so that a redelivery is answered the same way.
CREATE TABLE rejected_request (
    key         TEXT        PRIMARY KEY,  -- tenant/request_id
    tenant      TEXT        NOT NULL,
    request_id  TEXT        NOT NULL,
    errors      TEXT        NOT NULL,  -- JSON array of field errors
    rejected_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
