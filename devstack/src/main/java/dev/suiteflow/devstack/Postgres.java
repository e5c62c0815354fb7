package dev.suiteflow.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The local PostgreSQL server (127.0.0.1:5432): starts the Debian cluster when it is stopped and, as root, applies
 * {@code postgres-setup.sql} (database {@code suiteflow}, one login role and one owned schema per service).
 */
public final class Postgres {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;
    public static final String DATABASE = "suiteflow";
    /** One login role and one schema per service, named alike. */
    public static final List<String> ROLES = List.of("gateway", "ingest", "planner", "executor", "audit");
    /** Classpath resource of the idempotent set-up script. */
    public static final String SETUP_SCRIPT = "postgres-setup.sql";
    static final String INSTALL_COMMAND = "apt-get update && apt-get install -y postgresql";
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private Postgres() {
    }

    /** A Debian cluster as listed by {@code pg_lsclusters}. */
    record Cluster(String version, String name, int port, String status) {
        String id() {
            return version + "/" + name;
        }
    }

    /**
     * Makes sure PostgreSQL answers on 127.0.0.1:5432 and that the database, roles and schemas exist; tells
     * {@code say} what it did. Throws with the commands to run when it cannot do it itself.
     */
    public static void ensureReady(Consumer<String> say) {
        boolean root = Procs.isRoot();
        if (Procs.accepting(HOST, PORT)) {
            say.accept("PostgreSQL: running on " + HOST + ":" + PORT);
        } else {
            start(root, say);
        }
        if (root) {
            applySetup();
            say.accept("PostgreSQL: database " + DATABASE + ", roles and schemas " + String.join(", ", ROLES)
                    + " ready");
        } else {
            checkSetupAsUser(say);
        }
    }

    /** The set-up script, from the classpath. */
    public static String setupScript() {
        try (InputStream in = Postgres.class.getResourceAsStream("/" + SETUP_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SETUP_SCRIPT + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SETUP_SCRIPT, e);
        }
    }

    /** Applies the set-up script as the postgres superuser, in one psql call. Needs root. */
    public static void applySetup() {
        if (Procs.onPath("runuser").isEmpty()) {
            throw new IllegalStateException("runuser is missing, so the database cannot be prepared. Run as root: "
                    + manualSetupCommand(false));
        }
        Procs.Result result = Procs.run(
                List.of("runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"),
                setupScript(), Map.of(), Duration.ofSeconds(60));
        if (!result.ok()) {
            throw new IllegalStateException("Preparing the database failed (psql exit " + result.exitCode() + "):\n"
                    + indent(result.output()));
        }
    }

    private static void start(boolean root, Consumer<String> say) {
        boolean hasCtl = Procs.onPath("pg_ctlcluster").isPresent() && Procs.onPath("pg_lsclusters").isPresent();
        if (!hasCtl) {
            throw new IllegalStateException("PostgreSQL is not installed (or not running, and pg_ctlcluster is "
                    + "missing). Install it with:\n    " + (root ? "" : "sudo sh -c '") + INSTALL_COMMAND
                    + (root ? "" : "'") + "\nthen run this again (Debian 12 installs PostgreSQL 15).");
        }
        List<Cluster> clusters = clusters();
        Cluster cluster = clusters.stream().filter(c -> c.port() == PORT).findFirst()
                .orElseThrow(() -> new IllegalStateException("PostgreSQL is installed but no cluster uses port "
                        + PORT + " (pg_lsclusters: " + clusters + "). Create one with:\n    "
                        + (root ? "" : "sudo ") + "pg_createcluster --port " + PORT + " --start 15 main"));
        String startCommand = "pg_ctlcluster " + cluster.version() + " " + cluster.name() + " start";
        if (!root) {
            throw new IllegalStateException("PostgreSQL is not running. Start it with:\n    sudo " + startCommand);
        }
        say.accept("PostgreSQL: starting cluster " + cluster.id());
        Procs.Result result = Procs.run(List.of("pg_ctlcluster", cluster.version(), cluster.name(), "start"),
                null, Map.of(), Duration.ofSeconds(60));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Procs.accepting(HOST, PORT)) {
            if (System.nanoTime() > deadline || (!result.ok() && !Procs.accepting(HOST, PORT))) {
                Path log = Path.of("/var/log/postgresql/postgresql-" + cluster.version() + "-" + cluster.name()
                        + ".log");
                throw new IllegalStateException("PostgreSQL cluster " + cluster.id() + " did not start"
                        + (result.ok() ? " within " + START_TIMEOUT.toSeconds() + " s" : "") + ".\n"
                        + indent(result.output()) + "\nLast lines of " + log + ":\n" + Procs.tailText(log, 20));
            }
            KafkaBroker.sleep(200);
        }
        say.accept("PostgreSQL: cluster " + cluster.id() + " running on " + HOST + ":" + PORT);
    }

    static List<Cluster> clusters() {
        Procs.Result result = Procs.run(List.of("pg_lsclusters", "--no-header"), null, Map.of(),
                Duration.ofSeconds(20));
        return parseClusters(result.output());
    }

    /** Parses {@code pg_lsclusters --no-header}: {@code 15  main    5432 down   postgres /var/lib/...}. */
    static List<Cluster> parseClusters(String output) {
        List<Cluster> clusters = new ArrayList<>();
        for (String line : output.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[2].chars().allMatch(Character::isDigit)) {
                clusters.add(new Cluster(f[0], f[1], Integer.parseInt(f[2]), f[3]));
            }
        }
        return clusters;
    }

    /**
     * Not root: checks, logged in as {@code gateway}, that the five roles and schemas exist; throws with the
     * commands for an administrator when they do not.
     */
    private static void checkSetupAsUser(Consumer<String> say) {
        if (Procs.onPath("psql").isEmpty()) {
            say.accept("PostgreSQL: psql is missing, so the roles and schemas were not checked");
            return;
        }
        String roles = "array['" + String.join("','", ROLES) + "']";
        String sql = "select (select count(*) from pg_roles where rolname = any(" + roles + ")) || ' ' || "
                + "(select count(*) from pg_namespace where nspname = any(" + roles + "))";
        Procs.Result result = Procs.run(List.of("psql", "-X", "-h", HOST, "-p", Integer.toString(PORT), "-U",
                "gateway", "-d", DATABASE, "-tAc", sql), null, Map.of("PGPASSWORD", "gateway", "PGCONNECT_TIMEOUT",
                "5"), Duration.ofSeconds(20));
        String expected = ROLES.size() + " " + ROLES.size();
        if (!result.ok() || !result.output().trim().equals(expected)) {
            throw new IllegalStateException("The database " + DATABASE + " or its roles and schemas are missing ("
                    + result.output().trim() + "). As root, run once:\n    " + manualSetupCommand(true));
        }
        say.accept("PostgreSQL: database " + DATABASE + ", roles and schemas ready");
    }

    /** The command an administrator runs to apply the set-up script by hand. */
    static String manualSetupCommand(boolean sudo) {
        Optional<Path> root = RepoRoot.findFrom(Path.of(""));
        String script = root.map(r -> r.resolve("devstack/src/main/resources/" + SETUP_SCRIPT).toString())
                .orElse("devstack/src/main/resources/" + SETUP_SCRIPT);
        return (sudo ? "sudo " : "") + "runuser -u postgres -- psql -v ON_ERROR_STOP=1 -f - < " + script;
    }

    private static String indent(String text) {
        return text.strip().lines().map(l -> "    | " + l).reduce((a, b) -> a + "\n" + b).orElse("    (no output)");
    }
}
