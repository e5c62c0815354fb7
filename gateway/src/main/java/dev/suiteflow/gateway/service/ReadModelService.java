package dev.suiteflow.gateway.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.suiteflow.events.ApprovalDecided;
import dev.suiteflow.events.ApprovalRequested;
import dev.suiteflow.events.PhaseCompleted;
import dev.suiteflow.events.PhaseHeartbeat;
import dev.suiteflow.events.PhaseLog;
import dev.suiteflow.events.PhaseStarted;
import dev.suiteflow.events.PlannedPhase;
import dev.suiteflow.events.SuiteAccepted;
import dev.suiteflow.events.SuiteCancelled;
import dev.suiteflow.events.SuiteCompleted;
import dev.suiteflow.events.SuiteEvent;
import dev.suiteflow.events.SuitePlanned;
import dev.suiteflow.events.SuiteRejected;
import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.events.SuiteStarted;
import dev.suiteflow.events.TestResult;
import dev.suiteflow.gateway.Suite;
import dev.suiteflow.gateway.config.GatewayConfig;
import dev.suiteflow.gateway.repository.SuiteRepository;
import dev.suiteflow.support.messaging.IncomingEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the read model of suites, their phases, per-test results and log lines in step with their lifecycle,
 * phase-results and phase-progress events, and appends every event to the event log the SSE streams read. Runs
 * inside the consumer's transaction, once per CloudEvent id.
 *
 * <p>Events of one suite arrive on three topics, so a phase event can overtake SuiteAccepted: it creates the suite
 * row with only its id and tenant (status {@code pending}) and SuiteAccepted fills it in. Every plan revision is
 * kept ({@code suite_plan}, with its shards' phase run ids in {@code plan_shard}); the newest is the current one,
 * and a finished suite that is re-planned goes back to {@code planned}. Phase events update their own phase run's
 * row ({@code phase_run}), which keeps its latest attempt: an event of an older attempt changes nothing, and a
 * phase run of an older revision never touches the current revision's phases (they are other rows).
 */
@ApplicationScoped
public class ReadModelService {

    /**
     * The rule of PhaseStarted and PhaseHeartbeat upserts: a phase run's row moves only to a later attempt, or
     * stays with the same attempt while it is still running (a late start or beat never reopens a finished one).
     */
    private static final String LATER_OR_SAME_RUNNING_ATTEMPT = " WHERE EXCLUDED.attempt > phase_run.attempt"
            + " OR (EXCLUDED.attempt = phase_run.attempt AND phase_run.status = 'running')";

    /** Statuses a suite never leaves. */
    public static final Set<String> FINAL = Set.of("passed", "failed", "errored", "cancelled", "rejected");

    private static final int ROWS_PER_INSERT = 200;

    private final SuiteRepository suites;
    private final EventLog eventLog;
    private final ObjectMapper mapper;
    private final GatewayConfig config;

    public ReadModelService(SuiteRepository suites, EventLog eventLog, ObjectMapper mapper, GatewayConfig config) {
        this.suites = suites;
        this.eventLog = eventLog;
        this.mapper = mapper;
        this.config = config;
    }

    /** The submitter sees its suite at once, before SuiteAccepted comes back through Kafka. */
    public Uni<Void> recordSubmitted(String suiteId, SuiteRequested request) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO suite (suite_id, tenant, request_id, project, status, priority, kinds,"
                        + " fail_fast, origin, requested_by, created_at, updated_at)"
                        + " VALUES (:id, :tenant, :requestId, :project, 'accepted', :priority, :kinds, :failFast,"
                        + " 'rest', CAST(:requestedBy AS TEXT), now(), now())"
                        + " ON CONFLICT (suite_id) DO NOTHING")
                .setParameter("id", suiteId)
                .setParameter("tenant", request.tenant())
                .setParameter("requestId", request.requestId())
                .setParameter("project", request.project())
                .setParameter("priority", request.priority() == null ? "normal" : request.priority())
                .setParameter("kinds", json(request.kinds() == null ? List.of() : request.kinds()))
                .setParameter("failFast", request.failFast() == null || request.failFast())
                .setParameter("requestedBy", request.requestedBy())
                .executeUpdate()))
                .replaceWithVoid();
    }

    /** Applies one event of any of the three topics, inside the consumer's transaction. */
    public Uni<Void> apply(IncomingEvent<SuiteEvent> event) {
        SuiteEvent payload = event.payload();
        return eventLog.append(event)
                .chain(appended -> suites.findById(payload.suiteId())
                        .chain(found -> {
                            if (found != null) {
                                return Uni.createFrom().item(found);
                            }
                            return create(payload).call(suite -> suite.persist());
                        })
                        .chain(suite -> project(suite, payload, appended)));
    }

    private Uni<Suite> create(SuiteEvent payload) {
        Suite suite = new Suite();
        suite.suiteId = payload.suiteId();
        suite.tenant = payload.tenant();
        suite.status = "pending";
        suite.createdAt = Instant.now();
        suite.updatedAt = suite.createdAt;
        return Uni.createFrom().item(suite);
    }

    private Uni<Void> project(Suite suite, SuiteEvent payload, EventLog.Appended appended) {
        if (payload instanceof SuiteAccepted accepted) {
            accept(suite, accepted);
            return Uni.createFrom().voidItem();
        }
        if (payload instanceof SuiteRejected rejected) {
            reject(suite, rejected);
            return Uni.createFrom().voidItem();
        }
        if (payload instanceof PhaseStarted started) {
            return phaseStarted(started);
        }
        if (payload instanceof PhaseCompleted completed) {
            return phaseCompleted(completed);
        }
        if (payload instanceof PhaseHeartbeat heartbeat) {
            return heartbeat(heartbeat);
        }
        if (payload instanceof PhaseLog log) {
            return logLines(log, appended);
        }
        if (payload instanceof SuitePlanned planned) {
            return planned(suite, planned);
        }
        if (FINAL.contains(suite.status)) {
            Log.infof("Suite %s is %s; %s ignored", suite.suiteId, suite.status, payload.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        }
        if (payload instanceof ApprovalRequested requested) {
            if (olderRevision(suite, requested.planRevision())) {
                return Uni.createFrom().voidItem();
            }
            suite.status = "awaiting_approval";
            suite.approvalDeadline = requested.deadline();
            suite.uncoveredCriteria = requested.uncoveredCriteria() == null || requested.uncoveredCriteria().isEmpty()
                    ? null : json(requested.uncoveredCriteria());
        } else if (payload instanceof ApprovalDecided decided) {
            suite.detail = "approval " + decided.decision() + " by " + (decided.decidedBy() == null ? "suiteflow"
                    : decided.decidedBy());
            suite.approvalDeadline = null;
            suite.uncoveredCriteria = null;
            if ("approved".equals(decided.decision())) {
                suite.status = "planned";
            }
        } else if (payload instanceof SuiteStarted started) {
            if (olderRevision(suite, started.planRevision())) {
                return Uni.createFrom().voidItem();
            }
            suite.status = "running";
            suite.startedAt = started.startedAt();
        } else if (payload instanceof SuiteCompleted completed) {
            suite.status = completed.outcome();
            suite.outcome = completed.outcome();
            suite.totals = json(completed.totals());
            suite.durationMs = completed.durationMs();
            suite.completedAt = completed.completedAt();
            suite.updatedAt = Instant.now();
            return planOutcome(suite, completed.outcome(), completed.completedAt());
        } else if (payload instanceof SuiteCancelled cancelled) {
            suite.status = "cancelled";
            suite.detail = cancelled.reason();
            suite.completedAt = cancelled.cancelledAt();
            suite.updatedAt = Instant.now();
            return planOutcome(suite, "cancelled", cancelled.cancelledAt());
        } else {
            return Uni.createFrom().voidItem();
        }
        suite.updatedAt = Instant.now();
        return Uni.createFrom().voidItem();
    }

    /** An event of a plan revision older than the suite's current one (a late one) changes nothing. */
    private static boolean olderRevision(Suite suite, int revision) {
        return suite.planRevision != null && revision < suite.planRevision;
    }

    /**
     * Every revision is stored (once: the natural key is suite and revision); a revision above the current one
     * becomes current, and a suite that had finished goes back to {@code planned} for its re-run.
     */
    private Uni<Void> planned(Suite suite, SuitePlanned planned) {
        Uni<Void> stored = storePlan(planned);
        if (suite.planRevision != null && planned.planRevision() <= suite.planRevision) {
            return stored;
        }
        boolean rerun = suite.planRevision != null && FINAL.contains(suite.status);
        if (FINAL.contains(suite.status) && !rerun) {
            // a final suite without a plan (rejected, or cancelled before planning) is not re-planned
            Log.infof("Suite %s is %s; SuitePlanned %d ignored", suite.suiteId, suite.status,
                    planned.planRevision());
            return stored;
        }
        if (rerun) {
            Log.infof("Suite %s re-planned as revision %d (%s)", suite.suiteId, planned.planRevision(),
                    planned.cause());
            suite.outcome = null;
            suite.totals = null;
            suite.durationMs = null;
            suite.startedAt = null;
            suite.completedAt = null;
            suite.detail = null;
            suite.cancelRequestedBy = null;
            suite.cancelRequestedAt = null;
        }
        suite.status = "planned";
        suite.planRevision = planned.planRevision();
        suite.manifestRevision = planned.manifestRevision();
        suite.coverage = json(planned.coverage());
        suite.uncoveredCriteria = null;
        suite.approvalDeadline = null;
        if (suite.project == null) {
            suite.project = planned.project();
        }
        suite.updatedAt = Instant.now();
        return stored;
    }

    private Uni<Void> storePlan(SuitePlanned planned) {
        List<PlannedPhase> phases = planned.phases() == null ? List.of() : planned.phases();
        return session().chain(session -> {
            Uni<Integer> chain = session.createNativeQuery("INSERT INTO suite_plan (suite_id, revision, tenant, cause,"
                    + " planned_at, manifest_revision, phases, coverage)"
                    + " VALUES (:suite, :revision, :tenant, CAST(:cause AS TEXT), CAST(:at AS TIMESTAMPTZ), :manifest,"
                    + " :phases, CAST(:coverage AS TEXT))"
                    + " ON CONFLICT (suite_id, revision) DO NOTHING")
                    .setParameter("suite", planned.suiteId())
                    .setParameter("revision", planned.planRevision())
                    .setParameter("tenant", planned.tenant())
                    .setParameter("cause", planned.cause())
                    .setParameter("at", planned.plannedAt())
                    .setParameter("manifest", planned.manifestRevision())
                    .setParameter("phases", json(phases))
                    .setParameter("coverage", json(planned.coverage()))
                    .executeUpdate();
            for (PlannedPhase phase : phases) {
                for (PlannedPhase.PlannedShard shard : phase.shards() == null ? List.<PlannedPhase.PlannedShard>of()
                        : phase.shards()) {
                    if (shard.phaseRunId() == null) {
                        continue;
                    }
                    chain = chain.chain(() -> session.createNativeQuery("INSERT INTO plan_shard (suite_id,"
                            + " phase_run_id, revision, phase, shard_index, tests, expected_seconds)"
                            + " VALUES (:suite, :run, :revision, :phase, :index, :tests, CAST(:expected AS DOUBLE"
                            + " PRECISION)) ON CONFLICT (suite_id, phase_run_id) DO NOTHING")
                            .setParameter("suite", planned.suiteId())
                            .setParameter("run", shard.phaseRunId())
                            .setParameter("revision", planned.planRevision())
                            .setParameter("phase", phase.name())
                            .setParameter("index", shard.index())
                            .setParameter("tests", shard.tests() == null ? 0 : shard.tests().size())
                            .setParameter("expected", shard.expectedSeconds())
                            .executeUpdate());
                }
            }
            return chain;
        }).replaceWithVoid();
    }

    /** The outcome of the revision the suite ended under. */
    private Uni<Void> planOutcome(Suite suite, String outcome, Instant at) {
        if (suite.planRevision == null) {
            return Uni.createFrom().voidItem();
        }
        return session().chain(session -> session.createNativeQuery("UPDATE suite_plan SET outcome = :outcome,"
                + " completed_at = CAST(:at AS TIMESTAMPTZ) WHERE suite_id = :suite AND revision = :revision")
                .setParameter("outcome", outcome)
                .setParameter("at", at == null ? Instant.now() : at)
                .setParameter("suite", suite.suiteId)
                .setParameter("revision", suite.planRevision)
                .executeUpdate())
                .replaceWithVoid();
    }

    private void accept(Suite suite, SuiteAccepted accepted) {
        if (accepted.manifest() != null) {
            suite.manifestRevision = accepted.manifest().revision();
        }
        if (suite.acceptedAt == null) {
            suite.acceptedAt = accepted.acceptedAt();
        }
        if (suite.requestId != null) {
            return;
        }
        SuiteRequested request = accepted.request();
        suite.requestId = request == null ? accepted.requestId() : request.requestId();
        if (request != null) {
            suite.project = request.project();
            suite.priority = request.priority() == null ? "normal" : request.priority();
            suite.failFast = request.failFast() == null || request.failFast();
            suite.requestedBy = request.requestedBy();
            suite.kinds = json(request.kinds() == null ? List.of() : request.kinds());
        }
        suite.origin = accepted.origin();
        if ("pending".equals(suite.status)) {
            suite.status = "accepted";
        }
        if (accepted.acceptedAt() != null) {
            suite.createdAt = accepted.acceptedAt();
        }
        suite.updatedAt = Instant.now();
    }

    private void reject(Suite suite, SuiteRejected rejected) {
        if (!"pending".equals(suite.status)) {
            Log.warnf("SuiteRejected for %s, which is %s; ignored", suite.suiteId, suite.status);
            return;
        }
        suite.requestId = rejected.requestId();
        suite.origin = "kafka";
        suite.status = "rejected";
        suite.detail = rejected.reason();
        suite.errors = json(rejected.errors() == null ? List.of() : rejected.errors());
        if (rejected.rejectedAt() != null) {
            suite.createdAt = rejected.rejectedAt();
            suite.completedAt = rejected.rejectedAt();
        }
        suite.updatedAt = Instant.now();
    }

    private Uni<Void> phaseStarted(PhaseStarted e) {
        return session().chain(session -> session.createNativeQuery("INSERT INTO phase_run (suite_id, phase_run_id,"
                + " phase, tenant, status, attempt, worker, queue_wait_ms, started_at)"
                + " VALUES (:suite, :run, :phase, :tenant, 'running', :attempt, CAST(:worker AS TEXT), :wait,"
                + " CAST(:at AS TIMESTAMPTZ))"
                + " ON CONFLICT (suite_id, phase_run_id) DO UPDATE SET status = 'running', attempt = EXCLUDED.attempt,"
                + " worker = EXCLUDED.worker, queue_wait_ms = EXCLUDED.queue_wait_ms,"
                + " started_at = EXCLUDED.started_at, completed_at = NULL, duration_ms = NULL, exit_code = NULL,"
                + " failure_class = NULL, remediation = NULL, log_excerpt = NULL, tests_total = NULL,"
                + " tests_passed = NULL, tests_failed = NULL, tests_skipped = NULL, updated_at = now()"
                + LATER_OR_SAME_RUNNING_ATTEMPT)
                .setParameter("suite", e.suiteId())
                .setParameter("run", e.phaseRunId())
                .setParameter("phase", e.phase())
                .setParameter("tenant", e.tenant())
                .setParameter("attempt", e.attempt())
                .setParameter("worker", e.worker())
                .setParameter("wait", e.queueWaitMs())
                .setParameter("at", e.startedAt() == null ? Instant.now() : e.startedAt())
                .executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Void> phaseCompleted(PhaseCompleted e) {
        List<TestResult> tests = e.tests() == null ? List.of() : e.tests();
        Instant completedAt = e.completedAt() == null ? Instant.now() : e.completedAt();
        Instant startedAt = completedAt.minusMillis(Math.max(0, e.durationMs()));
        long passed = tests.stream().filter(t -> "passed".equals(t.status())).count();
        long skipped = tests.stream().filter(t -> "skipped".equals(t.status())).count();
        String same = "phase_run.attempt = EXCLUDED.attempt";
        return session().chain(session -> session.createNativeQuery("INSERT INTO phase_run (suite_id, phase_run_id,"
                + " phase, tenant, status, attempt, queue_wait_ms, duration_ms, started_at, completed_at, exit_code,"
                + " failure_class, remediation, log_excerpt, tests_total, tests_passed, tests_failed, tests_skipped)"
                + " VALUES (:suite, :run, :phase, :tenant, :status, :attempt, :wait, :duration,"
                + " CAST(:startedAt AS TIMESTAMPTZ), CAST(:completedAt AS TIMESTAMPTZ), CAST(:exitCode AS INT),"
                + " CAST(:failureClass AS TEXT), CAST(:remediation AS TEXT), CAST(:excerpt AS TEXT), :total, :passed,"
                + " :failed, :skipped)"
                + " ON CONFLICT (suite_id, phase_run_id) DO UPDATE SET status = EXCLUDED.status,"
                + " started_at = CASE WHEN " + same + " AND phase_run.started_at IS NOT NULL"
                + " THEN phase_run.started_at ELSE EXCLUDED.started_at END,"
                + " worker = CASE WHEN " + same + " THEN phase_run.worker END,"
                + " attempt = EXCLUDED.attempt,"
                + " queue_wait_ms = EXCLUDED.queue_wait_ms, duration_ms = EXCLUDED.duration_ms,"
                + " completed_at = EXCLUDED.completed_at, exit_code = EXCLUDED.exit_code,"
                + " failure_class = EXCLUDED.failure_class, remediation = EXCLUDED.remediation,"
                + " log_excerpt = EXCLUDED.log_excerpt, tests_total = EXCLUDED.tests_total,"
                + " tests_passed = EXCLUDED.tests_passed, tests_failed = EXCLUDED.tests_failed,"
                + " tests_skipped = EXCLUDED.tests_skipped, updated_at = now()"
                + " WHERE EXCLUDED.attempt >= phase_run.attempt")
                .setParameter("suite", e.suiteId())
                .setParameter("run", e.phaseRunId())
                .setParameter("phase", e.phase())
                .setParameter("tenant", e.tenant())
                .setParameter("status", e.status())
                .setParameter("attempt", e.attempt())
                .setParameter("wait", e.queueWaitMs())
                .setParameter("duration", e.durationMs())
                .setParameter("startedAt", startedAt)
                .setParameter("completedAt", completedAt)
                .setParameter("exitCode", e.exitCode())
                .setParameter("failureClass", e.failureClass())
                .setParameter("remediation", e.remediation())
                .setParameter("excerpt", e.logExcerpt())
                .setParameter("total", tests.size())
                .setParameter("passed", (int) passed)
                .setParameter("failed", (int) (tests.size() - passed - skipped))
                .setParameter("skipped", (int) skipped)
                .executeUpdate()
                .chain(rows -> rows == 0
                        ? Uni.createFrom().voidItem()
                        : replaceTests(session, e, tests)));
    }

    private Uni<Void> replaceTests(Mutiny.Session session, PhaseCompleted e, List<TestResult> tests) {
        Uni<Integer> chain = session.createNativeQuery("DELETE FROM phase_test WHERE suite_id = :suite"
                + " AND phase_run_id = :run")
                .setParameter("suite", e.suiteId())
                .setParameter("run", e.phaseRunId())
                .executeUpdate();
        for (int from = 0; from < tests.size(); from += ROWS_PER_INSERT) {
            List<TestResult> chunk = tests.subList(from, Math.min(tests.size(), from + ROWS_PER_INSERT));
            chain = chain.chain(() -> {
                StringBuilder sql = new StringBuilder("INSERT INTO phase_test (suite_id, phase, phase_run_id, attempt,"
                        + " test_id, name, class_name, status, duration_ms, message, stack_trace) VALUES ");
                for (int i = 0; i < chunk.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append("(:suite, :phase, :run, :attempt, CAST(:id").append(i)
                            .append(" AS TEXT), CAST(:name").append(i).append(" AS TEXT), CAST(:class").append(i)
                            .append(" AS TEXT), CAST(:status").append(i).append(" AS TEXT), :duration").append(i)
                            .append(", CAST(:message").append(i).append(" AS TEXT), CAST(:trace").append(i)
                            .append(" AS TEXT))");
                }
                Mutiny.Query<?> query = session.createNativeQuery(sql.toString())
                        .setParameter("suite", e.suiteId())
                        .setParameter("phase", e.phase())
                        .setParameter("run", e.phaseRunId())
                        .setParameter("attempt", e.attempt());
                for (int i = 0; i < chunk.size(); i++) {
                    TestResult t = chunk.get(i);
                    query.setParameter("id" + i, t.id())
                            .setParameter("name" + i, t.name())
                            .setParameter("class" + i, t.className())
                            .setParameter("status" + i, t.status())
                            .setParameter("duration" + i, t.durationMs())
                            .setParameter("message" + i, t.message())
                            .setParameter("trace" + i, t.stackTrace());
                }
                return query.executeUpdate();
            });
        }
        return chain.replaceWithVoid();
    }

    private Uni<Void> heartbeat(PhaseHeartbeat e) {
        return session().chain(session -> session.createNativeQuery("INSERT INTO phase_run (suite_id, phase_run_id,"
                + " phase, tenant, status, attempt, worker, elapsed_ms, last_heartbeat_at)"
                + " VALUES (:suite, :run, :phase, :tenant, 'running', :attempt, CAST(:worker AS TEXT), :elapsed,"
                + " CAST(:at AS TIMESTAMPTZ))"
                + " ON CONFLICT (suite_id, phase_run_id) DO UPDATE SET status = 'running', attempt = EXCLUDED.attempt,"
                + " worker = COALESCE(EXCLUDED.worker, phase_run.worker), elapsed_ms = EXCLUDED.elapsed_ms,"
                + " last_heartbeat_at = EXCLUDED.last_heartbeat_at, updated_at = now()"
                + LATER_OR_SAME_RUNNING_ATTEMPT)
                .setParameter("suite", e.suiteId())
                .setParameter("run", e.phaseRunId())
                .setParameter("phase", e.phase())
                .setParameter("tenant", e.tenant())
                .setParameter("attempt", e.attempt())
                .setParameter("worker", e.worker())
                .setParameter("elapsed", e.elapsedMs())
                .setParameter("at", e.at() == null ? Instant.now() : e.at())
                .executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Void> logLines(PhaseLog e, EventLog.Appended appended) {
        if (appended.allowed() == 0) {
            if (e.lines() != null && !e.lines().isEmpty()) {
                Log.debugf("Suite %s reached its cap of %d log lines; %d lines not stored", e.suiteId(),
                        config.logs().maxLinesPerSuite(), e.lines().size());
            }
            return Uni.createFrom().voidItem();
        }
        List<PhaseLog.Line> lines = new ArrayList<>(e.lines().subList(0, appended.allowed()));
        int maxLength = config.logs().maxLineLength();
        return session().chain(session -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (int from = 0; from < lines.size(); from += ROWS_PER_INSERT) {
                int start = from;
                List<PhaseLog.Line> chunk = lines.subList(from, Math.min(lines.size(), from + ROWS_PER_INSERT));
                chain = chain.chain(() -> {
                    StringBuilder sql = new StringBuilder("INSERT INTO phase_log (suite_id, n, phase, phase_run_id,"
                            + " attempt, line, stream, text, at) VALUES ");
                    for (int i = 0; i < chunk.size(); i++) {
                        sql.append(i == 0 ? "" : ", ").append("(:suite, :n").append(i)
                                .append(", :phase, :run, :attempt, :line").append(i).append(", CAST(:stream").append(i)
                                .append(" AS TEXT), :text").append(i).append(", CAST(:at AS TIMESTAMPTZ))");
                    }
                    sql.append(" ON CONFLICT DO NOTHING");
                    Mutiny.Query<?> query = session.createNativeQuery(sql.toString())
                            .setParameter("suite", e.suiteId())
                            .setParameter("phase", e.phase())
                            .setParameter("run", e.phaseRunId())
                            .setParameter("attempt", e.attempt())
                            .setParameter("at", e.at() == null ? Instant.now() : e.at());
                    for (int i = 0; i < chunk.size(); i++) {
                        PhaseLog.Line line = chunk.get(i);
                        String text = line.text() == null ? "" : line.text();
                        query.setParameter("n" + i, appended.firstN() + start + i)
                                .setParameter("line" + i, e.firstLine() + start + i)
                                .setParameter("stream" + i, line.stream())
                                .setParameter("text" + i, text.length() > maxLength ? text.substring(0, maxLength)
                                        : text);
                    }
                    return query.executeUpdate();
                });
            }
            return chain;
        }).replaceWithVoid();
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    private String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
