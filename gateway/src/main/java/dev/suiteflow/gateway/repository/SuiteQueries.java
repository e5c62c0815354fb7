package dev.suiteflow.gateway.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.CriterionCoverage;
import dev.suiteflow.events.FieldError;
import dev.suiteflow.events.PlannedPhase;
import dev.suiteflow.events.SuiteTotals;
import dev.suiteflow.events.TestResult;
import dev.suiteflow.gateway.rest.LogPage;
import dev.suiteflow.gateway.rest.PhaseView;
import dev.suiteflow.gateway.rest.PlanSummary;
import dev.suiteflow.gateway.rest.PlanView;
import dev.suiteflow.gateway.rest.SuiteSummary;
import dev.suiteflow.gateway.rest.SuiteView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads of the read model for the API, always scoped to a tenant. */
@ApplicationScoped
public class SuiteQueries {

    /** Filters and position of a list query; null means "any". */
    public record ListQuery(String tenant, String status, String project, Instant since, Instant beforeCreatedAt,
            String beforeSuiteId, int limit) {
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<PlannedPhase>> PLANNED = new TypeReference<>() {
    };
    private static final TypeReference<List<CriterionCoverage>> COVERAGE = new TypeReference<>() {
    };
    private static final TypeReference<List<FieldError>> ERRORS = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper mapper;

    public SuiteQueries(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** One page plus one row (so that the caller knows whether there is a next page), newest first. */
    public Uni<List<SuiteSummary>> list(ListQuery q) {
        StringBuilder sql = new StringBuilder("SELECT suite_id, request_id, project, status, priority, origin,"
                + " requested_by, plan_revision, manifest_revision, outcome, created_at, updated_at, completed_at"
                + " FROM suite WHERE tenant = $1");
        List<Object> params = new ArrayList<>();
        params.add(q.tenant());
        if (q.status() != null) {
            params.add(q.status());
            sql.append(" AND status = $").append(params.size());
        }
        if (q.project() != null) {
            params.add(q.project());
            sql.append(" AND project = $").append(params.size());
        }
        if (q.since() != null) {
            params.add(OffsetDateTime.ofInstant(q.since(), ZoneOffset.UTC));
            sql.append(" AND created_at >= $").append(params.size());
        }
        if (q.beforeCreatedAt() != null) {
            params.add(OffsetDateTime.ofInstant(q.beforeCreatedAt(), ZoneOffset.UTC));
            params.add(q.beforeSuiteId());
            sql.append(" AND (created_at, suite_id) < ($").append(params.size() - 1).append(", $")
                    .append(params.size()).append(")");
        }
        params.add(q.limit() + 1);
        sql.append(" ORDER BY created_at DESC, suite_id DESC LIMIT $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
            List<SuiteSummary> items = new ArrayList<>();
            for (Row r : rows) {
                String id = r.getString("suite_id");
                items.add(new SuiteSummary(id, r.getString("request_id"), r.getString("project"),
                        r.getString("status"), r.getString("priority"), r.getString("origin"),
                        r.getString("requested_by"), r.getInteger("plan_revision"),
                        r.getInteger("manifest_revision"), r.getString("outcome"), instant(r, "created_at"),
                        instant(r, "updated_at"), instant(r, "completed_at"), "/api/suites/" + id,
                        "/api/suites/" + id + "/events"));
            }
            return items;
        });
    }

    /** The suite's status, or null when the tenant has no such suite. */
    public Uni<String> status(String tenant, String suiteId) {
        return pool.preparedQuery("SELECT status FROM suite WHERE suite_id = $1 AND tenant = $2")
                .execute(Tuple.of(suiteId, tenant))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("status"));
    }

    /** The whole suite with its current plan revision's phases, or null when the tenant has no such suite. */
    public Uni<SuiteView> detail(String tenant, String suiteId, long logCap) {
        return pool.preparedQuery("SELECT s.*, st.log_lines, st.dropped_lines FROM suite s"
                + " LEFT JOIN suite_stream st ON st.suite_id = s.suite_id WHERE s.suite_id = $1 AND s.tenant = $2")
                .execute(Tuple.of(suiteId, tenant))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row suite = rows.iterator().next();
                    Integer current = suite.getInteger("plan_revision");
                    return Uni.combine().all().unis(plans(suiteId, current), plan(suiteId, current),
                            phases(suiteId, current)).asTuple()
                            .map(all -> view(suite, phases(all.getItem2(), all.getItem3()), all.getItem1(),
                                    logCap));
                });
    }

    /** One stored plan revision of a suite of the tenant, or null when there is no such suite or revision. */
    public Uni<PlanView> plan(String tenant, String suiteId, int revision) {
        return pool.preparedQuery("SELECT plan_revision FROM suite WHERE suite_id = $1 AND tenant = $2")
                .execute(Tuple.of(suiteId, tenant))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Integer current = rows.iterator().next().getInteger("plan_revision");
                    return Uni.combine().all().unis(plan(suiteId, revision), phases(suiteId, revision)).asTuple()
                            .map(both -> {
                                Row plan = both.getItem1();
                                if (plan == null) {
                                    return null;
                                }
                                String url = "/api/suites/" + suiteId + "/plans/" + revision;
                                return new PlanView(suiteId, revision, plan.getString("cause"),
                                        instant(plan, "planned_at"), plan.getInteger("manifest_revision"),
                                        current != null && current == revision, plan.getString("outcome"),
                                        instant(plan, "completed_at"), phases(plan, both.getItem2()),
                                        read(plan.getString("coverage"), COVERAGE), url, "/api/suites/" + suiteId);
                            });
                });
    }

    private Uni<List<PlanSummary>> plans(String suiteId, Integer current) {
        return pool.preparedQuery("SELECT revision, cause, planned_at, outcome, completed_at FROM suite_plan"
                + " WHERE suite_id = $1 ORDER BY revision").execute(Tuple.of(suiteId)).map(rows -> {
                    List<PlanSummary> plans = new ArrayList<>();
                    for (Row r : rows) {
                        int revision = r.getInteger("revision");
                        plans.add(new PlanSummary(revision, r.getString("cause"), instant(r, "planned_at"),
                                r.getString("outcome"), instant(r, "completed_at"),
                                current != null && current == revision,
                                "/api/suites/" + suiteId + "/plans/" + revision));
                    }
                    return plans;
                });
    }

    /** The stored plan row of a revision; null when the revision is null or unknown. */
    private Uni<Row> plan(String suiteId, Integer revision) {
        if (revision == null) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("SELECT * FROM suite_plan WHERE suite_id = $1 AND revision = $2")
                .execute(Tuple.of(suiteId, revision))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
    }

    /** The phase runs of a revision (claimed by its shards) and the runs no plan claims, with their test results. */
    private Uni<Runs> phases(String suiteId, Integer revision) {
        int wanted = revision == null ? -1 : revision;
        Uni<RowSet<Row>> runs = pool.preparedQuery("SELECT r.*, sh.revision AS claimed_by FROM phase_run r"
                + " LEFT JOIN plan_shard sh ON sh.suite_id = r.suite_id AND sh.phase_run_id = r.phase_run_id"
                + " WHERE r.suite_id = $1 AND (sh.revision IS NULL OR sh.revision = $2)")
                .execute(Tuple.of(suiteId, wanted));
        Uni<RowSet<Row>> tests = pool.preparedQuery("SELECT t.* FROM phase_test t"
                + " LEFT JOIN plan_shard sh ON sh.suite_id = t.suite_id AND sh.phase_run_id = t.phase_run_id"
                + " WHERE t.suite_id = $1 AND (sh.revision IS NULL OR sh.revision = $2) ORDER BY t.id")
                .execute(Tuple.of(suiteId, wanted));
        return Uni.combine().all().unis(runs, tests).asTuple().map(both -> {
            Map<String, Row> claimed = new HashMap<>();
            List<Row> unclaimed = new ArrayList<>();
            for (Row r : both.getItem1()) {
                if (r.getInteger("claimed_by") == null) {
                    unclaimed.add(r);
                } else {
                    claimed.put(r.getString("phase_run_id"), r);
                }
            }
            Map<String, List<TestResult>> byRun = new HashMap<>();
            for (Row t : both.getItem2()) {
                byRun.computeIfAbsent(t.getString("phase_run_id"), p -> new ArrayList<>())
                        .add(new TestResult(t.getString("test_id"), t.getString("name"), t.getString("class_name"),
                                t.getString("status"), t.getLong("duration_ms"), t.getString("message"),
                                t.getString("stack_trace")));
            }
            return new Runs(claimed, unclaimed, byRun);
        });
    }

    /** Runs of one revision's shards by phase run id; runs no plan lists (before shards existed, or early ones). */
    private record Runs(Map<String, Row> claimed, List<Row> unclaimed, Map<String, List<TestResult>> tests) {

        /** The latest run no plan claims, per phase name. */
        Map<String, Row> latestUnclaimed() {
            Map<String, Row> latest = new LinkedHashMap<>();
            for (Row r : unclaimed) {
                latest.merge(r.getString("phase"), r, (a, b) -> lastActivity(b).isAfter(lastActivity(a)) ? b : a);
            }
            return latest;
        }

        private static Instant lastActivity(Row r) {
            for (String column : List.of("started_at", "completed_at", "last_heartbeat_at", "updated_at")) {
                Instant at = instant(r, column);
                if (at != null) {
                    return at;
                }
            }
            return Instant.EPOCH;
        }
    }

    /**
     * The phases of a plan revision: each planned phase with its shards' runs (a phase the plan lists without
     * shards, from before shards existed, shows the latest run of its name that no plan claims). Without a plan,
     * or with a plan from before shards, runs of phases the plan does not name are listed after it.
     */
    private List<PhaseView> phases(Row plan, Runs runs) {
        List<PlannedPhase> planned = plan == null ? List.of() : read(plan.getString("phases"), PLANNED);
        planned = planned == null ? List.of() : planned.stream()
                .sorted(Comparator.comparingInt(PlannedPhase::order).thenComparing(PlannedPhase::name)).toList();
        boolean sharded = planned.stream().anyMatch(p -> p.shards() != null && !p.shards().isEmpty());
        Map<String, Row> latest = runs.latestUnclaimed();
        String suiteId = plan == null ? null : plan.getString("suite_id");
        List<PhaseView> views = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (PlannedPhase p : planned) {
            names.add(p.name());
            List<Shard> shards = new ArrayList<>();
            if (p.shards() != null && !p.shards().isEmpty()) {
                p.shards().stream().sorted(Comparator.comparingInt(PlannedPhase.PlannedShard::index))
                        .forEach(sh -> shards.add(new Shard(sh.index(), sh.phaseRunId(),
                                sh.tests() == null ? 0 : sh.tests().size(), sh.expectedSeconds(),
                                runs.claimed().get(sh.phaseRunId()))));
            } else if (latest.containsKey(p.name())) {
                Row run = latest.get(p.name());
                shards.add(new Shard(1, run.getString("phase_run_id"), null, null, run));
            }
            views.add(aggregate(p.name(), p, shards, runs.tests(), suiteId));
        }
        if (!sharded) {
            latest.values().stream().filter(r -> !names.contains(r.getString("phase")))
                    .sorted(Comparator.comparing((Row r) -> instant(r, "started_at"),
                            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(r -> r.getString("phase")))
                    .forEach(r -> views.add(aggregate(r.getString("phase"), null,
                            List.of(new Shard(1, r.getString("phase_run_id"), null, null, r)), runs.tests(),
                            r.getString("suite_id"))));
        }
        return views;
    }

    /** A shard of a phase as planned, with its run's row (null before any event of the run). */
    private record Shard(int index, String phaseRunId, Integer plannedTests, Double expectedSeconds, Row run) {
    }

    private static final Set<String> ENDED = Set.of("passed", "failed", "errored", "cancelled");

    /** One phase row from its shards: status, counts and timings aggregated, per-test results concatenated. */
    static PhaseView aggregate(String name, PlannedPhase plan, List<Shard> shards,
            Map<String, List<TestResult>> testsByRun, String suiteId) {
        List<PhaseView.ShardView> views = new ArrayList<>();
        List<TestResult> tests = new ArrayList<>();
        for (Shard s : shards) {
            Row r = s.run();
            PhaseView.TestCounts counts = r == null || r.getInteger("tests_total") == null ? null
                    : new PhaseView.TestCounts(r.getInteger("tests_total"), r.getInteger("tests_passed"),
                            r.getInteger("tests_failed"), r.getInteger("tests_skipped"));
            String logsUrl = suiteId == null || s.phaseRunId() == null ? null
                    : "/api/suites/" + suiteId + "/logs?phaseRunId=" + s.phaseRunId();
            views.add(new PhaseView.ShardView(s.index(), s.phaseRunId(), r == null ? "planned" : r.getString("status"),
                    r == null ? null : r.getInteger("attempt"), r == null ? null : r.getString("worker"),
                    s.plannedTests(), s.expectedSeconds(), r == null ? null : r.getLong("queue_wait_ms"),
                    r == null ? null : r.getLong("duration_ms"), r == null ? null : r.getLong("elapsed_ms"),
                    r == null ? null : instant(r, "started_at"), r == null ? null : instant(r, "completed_at"),
                    r == null ? null : instant(r, "last_heartbeat_at"), r == null ? null : r.getInteger("exit_code"),
                    r == null ? null : r.getString("failure_class"), r == null ? null : r.getString("remediation"),
                    counts, logsUrl));
            if (r != null) {
                tests.addAll(testsByRun.getOrDefault(s.phaseRunId(), List.of()));
            }
        }
        List<String> statuses = views.stream().map(PhaseView.ShardView::status).toList();
        String status = status(statuses);
        boolean allEnded = !views.isEmpty() && statuses.stream().allMatch(ENDED::contains);
        // the shard that explains the phase: the first failed, else errored, else cancelled one; a lone shard
        PhaseView.ShardView telling = null;
        Row tellingRun = null;
        for (String wanted : List.of("failed", "errored", "cancelled")) {
            for (int i = 0; i < views.size() && telling == null; i++) {
                if (wanted.equals(views.get(i).status())) {
                    telling = views.get(i);
                    tellingRun = shards.get(i).run();
                }
            }
        }
        if (telling == null && views.size() == 1) {
            telling = views.get(0);
            tellingRun = shards.get(0).run();
        }
        Integer exitCode = telling != null ? telling.exitCode()
                : allEnded && views.stream().allMatch(v -> Integer.valueOf(0).equals(v.exitCode())) ? 0 : null;
        PhaseView.TestCounts counts = null;
        for (PhaseView.ShardView v : views) {
            if (v.testCounts() != null) {
                PhaseView.TestCounts c = v.testCounts();
                counts = counts == null ? c : new PhaseView.TestCounts(counts.total() + c.total(),
                        counts.passed() + c.passed(), counts.failed() + c.failed(), counts.skipped() + c.skipped());
            }
        }
        return new PhaseView(name, plan == null ? null : plan.order(), plan == null ? null : plan.group(),
                plan == null ? null : plan.selection(), plan == null ? null : plan.tests(),
                plan == null ? null : plan.skipped(), plan == null ? null : plan.timeoutSeconds(), status,
                views.size() == 1 ? views.get(0).phaseRunId() : null,
                max(views.stream().map(PhaseView.ShardView::attempt).toList(), Integer::max),
                views.size() == 1 ? views.get(0).worker() : null,
                max(views.stream().map(PhaseView.ShardView::queueWaitMs).toList(), Long::max),
                max(views.stream().map(PhaseView.ShardView::runMs).toList(), Long::max),
                max(views.stream().filter(v -> "running".equals(v.status())).map(PhaseView.ShardView::elapsedMs)
                        .toList(), Long::max),
                max(views.stream().map(PhaseView.ShardView::startedAt).toList(),
                        (a, b) -> a.isBefore(b) ? a : b),
                allEnded ? max(views.stream().map(PhaseView.ShardView::completedAt).toList(),
                        (a, b) -> a.isAfter(b) ? a : b) : null,
                max(views.stream().map(PhaseView.ShardView::lastHeartbeatAt).toList(),
                        (a, b) -> a.isAfter(b) ? a : b),
                exitCode, telling == null ? null : telling.failureClass(),
                telling == null ? null : telling.remediation(),
                tellingRun == null ? null : tellingRun.getString("log_excerpt"), counts,
                tests, views);
    }

    /**
     * running while any shard runs; failed if any failed; errored if any errored; cancelled if any was cancelled;
     * passed when all passed; running when some passed and others have not started; planned before any started.
     */
    static String status(List<String> shards) {
        if (shards.isEmpty()) {
            return "planned";
        }
        for (String status : List.of("running", "failed", "errored", "cancelled")) {
            if (shards.contains(status)) {
                return status;
            }
        }
        if (shards.stream().allMatch("passed"::equals)) {
            return "passed";
        }
        return shards.contains("passed") ? "running" : "planned";
    }

    private static <T> T max(List<T> values, java.util.function.BinaryOperator<T> pick) {
        T best = null;
        for (T v : values) {
            if (v != null) {
                best = best == null ? v : pick.apply(best, v);
            }
        }
        return best;
    }

    private SuiteView view(Row s, List<PhaseView> phases, List<PlanSummary> plans, long logCap) {
        String id = s.getString("suite_id");
        String totals = s.getString("totals");
        SuiteTotals parsedTotals = null;
        if (totals != null) {
            try {
                parsedTotals = mapper.readValue(totals, SuiteTotals.class);
            } catch (Exception e) {
                parsedTotals = null;
            }
        }
        Long stored = s.getLong("log_lines");
        Long dropped = s.getLong("dropped_lines");
        boolean awaiting = "awaiting_approval".equals(s.getString("status"));
        return new SuiteView(id, s.getString("request_id"), s.getString("project"), s.getString("status"),
                s.getString("priority"), read(s.getString("kinds"), STRINGS), s.getBoolean("fail_fast"),
                s.getString("origin"), s.getString("requested_by"), s.getInteger("plan_revision"),
                s.getInteger("manifest_revision"), s.getString("outcome"), s.getString("detail"),
                read(s.getString("errors"), ERRORS), parsedTotals, s.getLong("duration_ms"),
                instant(s, "created_at"), instant(s, "accepted_at"), instant(s, "started_at"),
                instant(s, "completed_at"), instant(s, "updated_at"), s.getString("cancel_requested_by"),
                instant(s, "cancel_requested_at"), phases, plans,
                awaiting ? read(s.getString("uncovered_criteria"), STRINGS) : null,
                awaiting ? instant(s, "approval_deadline") : null, s.getString("rerun_requested_by"),
                instant(s, "rerun_requested_at"), s.getString("rerun_scope"),
                read(s.getString("coverage"), COVERAGE),
                new SuiteView.LogSummary(stored == null ? 0 : stored, dropped == null ? 0 : dropped, logCap),
                "/api/suites/" + id, "/api/suites/" + id + "/events", "/api/suites/" + id + "/logs");
    }

    /**
     * Log lines after {@code afterLine}, optionally of one phase and/or one phase run, plus one (to tell whether
     * there are more).
     */
    public Uni<LogPage> logs(String suiteId, String phase, String phaseRunId, long afterLine, int limit) {
        List<Object> params = new ArrayList<>(List.of(suiteId, afterLine, limit + 1));
        StringBuilder sql = new StringBuilder("SELECT n, phase, phase_run_id, attempt, line, stream, text, at"
                + " FROM phase_log WHERE suite_id = $1 AND n > $2");
        if (phase != null) {
            params.add(phase);
            sql.append(" AND phase = $").append(params.size());
        }
        if (phaseRunId != null) {
            params.add(phaseRunId);
            sql.append(" AND phase_run_id = $").append(params.size());
        }
        sql.append(" ORDER BY n LIMIT $3");
        Uni<RowSet<Row>> lines = pool.preparedQuery(sql.toString()).execute(Tuple.from(params));
        Uni<RowSet<Row>> stream = pool.preparedQuery("SELECT dropped_lines FROM suite_stream WHERE suite_id = $1")
                .execute(Tuple.of(suiteId));
        return Uni.combine().all().unis(lines, stream).asTuple().map(both -> {
            List<LogPage.LogLine> page = new ArrayList<>();
            boolean more = false;
            for (Row r : both.getItem1()) {
                if (page.size() == limit) {
                    more = true;
                    break;
                }
                page.add(new LogPage.LogLine(r.getLong("n"), r.getString("phase"), r.getString("phase_run_id"),
                        r.getInteger("attempt"),
                        r.getLong("line"), r.getString("stream"), r.getString("text"), instant(r, "at")));
            }
            long next = page.isEmpty() ? afterLine : page.get(page.size() - 1).n();
            long dropped = both.getItem2().size() == 0 ? 0 : both.getItem2().iterator().next().getLong("dropped_lines");
            return new LogPage(suiteId, phase, phaseRunId, page, next, more, dropped);
        });
    }

    private <T> T read(String json, TypeReference<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, type);
        } catch (Exception e) {
            return null;
        }
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
