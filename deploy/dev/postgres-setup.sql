-- Suiteflow: the database, one login role and one schema per service. Idempotent: apply it as often as you like.
--
-- Applied by dev.suiteflow.devstack.Postgres (./suiteflow up, and the tests) as the postgres superuser:
--   runuser -u postgres -- psql -v ON_ERROR_STOP=1 -f - < devstack/src/main/resources/postgres-setup.sql
--
-- Each role's password equals its name: a development default for 127.0.0.1 only. Deployments create the roles
-- with their own secrets (and pass them to the services as QUARKUS_DATASOURCE_PASSWORD).
-- Each service owns its schema (named after it), finds it first on its search_path, and cannot even look into
-- another service's schema: nobody has USAGE on a schema but its owner.

SELECT 'CREATE DATABASE suiteflow'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'suiteflow')\gexec

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['gateway', 'ingest', 'planner', 'executor', 'audit'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', r, r);
        ELSE
            EXECUTE format('ALTER ROLE %I LOGIN', r);
            -- Keep a password someone set on purpose; give one to a role that has none.
            IF (SELECT rolpassword IS NULL FROM pg_authid WHERE rolname = r) THEN
                EXECUTE format('ALTER ROLE %I PASSWORD %L', r, r);
            END IF;
        END IF;
    END LOOP;
END
$$;

\connect suiteflow

REVOKE ALL ON DATABASE suiteflow FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT CONNECT ON DATABASE suiteflow TO gateway, ingest, planner, executor, audit;

CREATE SCHEMA IF NOT EXISTS gateway AUTHORIZATION gateway;
CREATE SCHEMA IF NOT EXISTS ingest AUTHORIZATION ingest;
CREATE SCHEMA IF NOT EXISTS planner AUTHORIZATION planner;
CREATE SCHEMA IF NOT EXISTS executor AUTHORIZATION executor;
CREATE SCHEMA IF NOT EXISTS audit AUTHORIZATION audit;

-- A schema that existed before (created by hand) still goes to its role, and to nobody else.
ALTER SCHEMA gateway OWNER TO gateway;
ALTER SCHEMA ingest OWNER TO ingest;
ALTER SCHEMA planner OWNER TO planner;
ALTER SCHEMA executor OWNER TO executor;
ALTER SCHEMA audit OWNER TO audit;
REVOKE ALL ON SCHEMA gateway, ingest, planner, executor, audit FROM PUBLIC;

ALTER ROLE gateway IN DATABASE suiteflow SET search_path = gateway;
ALTER ROLE ingest IN DATABASE suiteflow SET search_path = ingest;
ALTER ROLE planner IN DATABASE suiteflow SET search_path = planner;
ALTER ROLE executor IN DATABASE suiteflow SET search_path = executor;
ALTER ROLE audit IN DATABASE suiteflow SET search_path = audit;
