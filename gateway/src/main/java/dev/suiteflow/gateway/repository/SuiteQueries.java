package dev.suiteflow.gateway.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.CriterionCoverage;
import dev.suiteflow.events.FieldError;
import dev.suiteflow.events.SelectedTest;
import dev.suiteflow.events.SuiteTotals;
import dev.suiteflow.events.TestResult;
import dev.suiteflow.gateway.rest.LogPage;
import dev.suiteflow.gateway.rest.PhaseView;
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
    private static final TypeReference<List<SelectedTest>> SELECTED = new TypeReference<>() {
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

    /** The whole suite, or null when the tenant has no such suite. */
    public Uni<SuiteView> detail(String tenant, String suiteId, long logCap) {
        return pool.preparedQuery("SELECT s.*, st.log_lines, st.dropped_lines FROM suite s"
                + " LEFT JOIN suite_stream st ON st.suite_id = s.suite_id WHERE s.suite_id = $1 AND s.tenant = $2")
                .execute(Tuple.of(suiteId, tenant))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row suite = rows.iterator().next();
                    return phases(suiteId).map(phases -> view(suite, phases, logCap));
                });
    }

    private Uni<List<PhaseView>> phases(String suiteId) {
        Uni<RowSet<Row>> phases = pool.preparedQuery("SELECT * FROM suite_phase WHERE suite_id = $1"
                + " ORDER BY plan_order NULLS LAST, started_at NULLS LAST, phase").execute(Tuple.of(suiteId));
        Uni<RowSet<Row>> tests = pool.preparedQuery("SELECT * FROM phase_test WHERE suite_id = $1 ORDER BY id")
                .execute(Tuple.of(suiteId));
        return Uni.combine().all().unis(phases, tests).asTuple().map(both -> {
            Map<String, List<TestResult>> byPhase = new HashMap<>();
            for (Row t : both.getItem2()) {
                byPhase.computeIfAbsent(t.getString("phase"), p -> new ArrayList<>())
                        .add(new TestResult(t.getString("test_id"), t.getString("name"), t.getString("class_name"),
                                t.getString("status"), t.getLong("duration_ms"), t.getString("message"),
                                t.getString("stack_trace")));
            }
            List<PhaseView> views = new ArrayList<>();
            for (Row p : both.getItem1()) {
                String name = p.getString("phase");
                PhaseView.TestCounts counts = p.getInteger("tests_total") == null ? null
                        : new PhaseView.TestCounts(p.getInteger("tests_total"), p.getInteger("tests_passed"),
                                p.getInteger("tests_failed"), p.getInteger("tests_skipped"));
                views.add(new PhaseView(name, p.getInteger("plan_order"), p.getInteger("plan_group"),
                        p.getString("selection"), read(p.getString("selected_tests"), SELECTED),
                        read(p.getString("skipped_tests"), STRINGS), p.getLong("timeout_seconds"),
                        p.getString("status"), p.getString("phase_run_id"), p.getInteger("attempt"),
                        p.getString("worker"), p.getLong("queue_wait_ms"), p.getLong("duration_ms"),
                        p.getLong("elapsed_ms"), instant(p, "started_at"), instant(p, "completed_at"),
                        instant(p, "last_heartbeat_at"), p.getInteger("exit_code"), p.getString("failure_class"),
                        p.getString("remediation"), p.getString("log_excerpt"), counts,
                        byPhase.getOrDefault(name, List.of())));
            }
            return views;
        });
    }

    private SuiteView view(Row s, List<PhaseView> phases, long logCap) {
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
        return new SuiteView(id, s.getString("request_id"), s.getString("project"), s.getString("status"),
                s.getString("priority"), read(s.getString("kinds"), STRINGS), s.getBoolean("fail_fast"),
                s.getString("origin"), s.getString("requested_by"), s.getInteger("plan_revision"),
                s.getInteger("manifest_revision"), s.getString("outcome"), s.getString("detail"),
                read(s.getString("errors"), ERRORS), parsedTotals, s.getLong("duration_ms"),
                instant(s, "created_at"), instant(s, "accepted_at"), instant(s, "started_at"),
                instant(s, "completed_at"), instant(s, "updated_at"), s.getString("cancel_requested_by"),
                instant(s, "cancel_requested_at"), phases, read(s.getString("coverage"), COVERAGE),
                new SuiteView.LogSummary(stored == null ? 0 : stored, dropped == null ? 0 : dropped, logCap),
                "/api/suites/" + id, "/api/suites/" + id + "/events", "/api/suites/" + id + "/logs");
    }

    /** Log lines after {@code afterLine}, optionally of one phase, plus one (to tell whether there are more). */
    public Uni<LogPage> logs(String suiteId, String phase, long afterLine, int limit) {
        String sql = "SELECT n, phase, attempt, line, stream, text, at FROM phase_log WHERE suite_id = $1 AND n > $2"
                + (phase == null ? "" : " AND phase = $4") + " ORDER BY n LIMIT $3";
        Tuple params = phase == null ? Tuple.of(suiteId, afterLine, limit + 1)
                : Tuple.of(suiteId, afterLine, limit + 1, phase);
        Uni<RowSet<Row>> lines = pool.preparedQuery(sql).execute(params);
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
                page.add(new LogPage.LogLine(r.getLong("n"), r.getString("phase"), r.getInteger("attempt"),
                        r.getLong("line"), r.getString("stream"), r.getString("text"), instant(r, "at")));
            }
            long next = page.isEmpty() ? afterLine : page.get(page.size() - 1).n();
            long dropped = both.getItem2().size() == 0 ? 0 : both.getItem2().iterator().next().getLong("dropped_lines");
            return new LogPage(suiteId, phase, page, next, more, dropped);
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
