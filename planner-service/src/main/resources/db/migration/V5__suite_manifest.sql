-- The manifest revision a suite was planned with, as JSON, so that a rerun plans with exactly it (the registry
-- copy in project_manifest is keyed by revision and keeps the first one it saw).
ALTER TABLE suite_state ADD COLUMN manifest TEXT;
