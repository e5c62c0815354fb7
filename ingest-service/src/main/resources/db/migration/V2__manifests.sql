-- The whole manifest of a project's current revision, and every revision ever registered.
ALTER TABLE project ADD COLUMN manifest TEXT;  -- ProjectManifest as JSON; null only for rows from V1

CREATE TABLE project_manifest (
    tenant        TEXT        NOT NULL,
    project       TEXT        NOT NULL,
    revision      INT         NOT NULL,
    manifest      TEXT        NOT NULL,  -- ProjectManifest as JSON, defaults filled in
    origin        TEXT        NOT NULL,  -- file:<path> or rest
    registered_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, project, revision)
);
