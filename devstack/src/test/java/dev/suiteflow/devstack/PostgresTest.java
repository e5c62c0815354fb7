package dev.suiteflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real PostgreSQL on 127.0.0.1:5432, logged in over TCP as each service's role. */
class PostgresTest {

    @BeforeAll
    static void ready() {
        Postgres.ensureReady(line -> System.out.println("[devstack] " + line));
    }

    @Test
    void setupScriptCanBeAppliedAgainAndAgain() {
        assumeThat(Procs.isRoot()).as("applying the script needs root").isTrue();

        Postgres.applySetup();
        Postgres.applySetup();

        for (String role : Postgres.ROLES) {
            Procs.Result result = psqlAs(role, "select current_user || ' ' || current_schema()");
            assertThat(result.ok()).as(result.output()).isTrue();
            assertThat(result.output().trim()).isEqualTo(role + " " + role);
        }
    }

    @Test
    void aRoleCannotReadAnotherRolesSchema() {
        Procs.Result created = psqlAs("ingest", "create table if not exists ingest.devstack_probe (id int); "
                + "insert into ingest.devstack_probe values (1)");
        assertThat(created.ok()).as(created.output()).isTrue();
        try {
            Procs.Result ownRead = psqlAs("ingest", "select count(*) from devstack_probe");
            assertThat(ownRead.ok()).as(ownRead.output()).isTrue();

            Procs.Result foreignRead = psqlAs("planner", "select * from ingest.devstack_probe");

            assertThat(foreignRead.ok()).isFalse();
            assertThat(foreignRead.output()).contains("permission denied for schema ingest");
        } finally {
            psqlAs("ingest", "drop table if exists ingest.devstack_probe");
        }
    }

    @Test
    void aRoleCannotCreateAnythingInThePublicSchemaOrAnotherRolesSchema() {
        Procs.Result inPublic = psqlAs("audit", "create table public.devstack_probe (id int)");
        Procs.Result inOther = psqlAs("audit", "create table gateway.devstack_probe (id int)");

        assertThat(inPublic.ok()).isFalse();
        assertThat(inPublic.output()).contains("permission denied for schema public");
        assertThat(inOther.ok()).isFalse();
        assertThat(inOther.output()).contains("permission denied for schema gateway");
    }

    @Test
    void eachRoleOwnsTheSchemaNamedAfterIt() {
        Procs.Result owners = psqlAs("gateway", "select string_agg(nspname || '=' || pg_get_userbyid(nspowner), ',' "
                + "order by nspname) from pg_namespace where nspname in ('gateway','ingest','planner','executor','audit')");

        assertThat(owners.output().trim())
                .isEqualTo("audit=audit,executor=executor,gateway=gateway,ingest=ingest,planner=planner");
    }

    @Test
    void parsesTheClustersThatPgLsclustersLists() {
        String output = "15  main    5432 down   postgres /var/lib/postgresql/15/main /var/log/postgresql/x.log\n"
                + "16  other   5433 online postgres /var/lib/postgresql/16/other /var/log/postgresql/y.log\n";

        assertThat(Postgres.parseClusters(output)).containsExactly(
                new Postgres.Cluster("15", "main", 5432, "down"),
                new Postgres.Cluster("16", "other", 5433, "online"));
    }

    /** {@code PGPASSWORD=<role> psql -h 127.0.0.1 -U <role> -d suiteflow}: stdout and stderr together. */
    static Procs.Result psqlAs(String role, String sql) {
        return Procs.run(List.of("psql", "-X", "-q", "-h", Postgres.HOST, "-U", role, "-d", Postgres.DATABASE,
                "-v", "ON_ERROR_STOP=1", "-tAc", sql), null, Map.of("PGPASSWORD", role), Duration.ofSeconds(20));
    }
}
