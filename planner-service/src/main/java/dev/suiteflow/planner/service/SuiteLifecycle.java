package dev.suiteflow.planner.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.AcceptanceCriterion;
import dev.suiteflow.events.ApprovalDecided;
import dev.suiteflow.events.ApprovalRequested;
import dev.suiteflow.events.CancelSuite;
import dev.suiteflow.events.DecideApproval;
import dev.suiteflow.events.CommandSpec;
import dev.suiteflow.events.CriterionCoverage;
import dev.suiteflow.events.PhaseCompleted;
import dev.suiteflow.events.PhaseRequested;
import dev.suiteflow.events.PhaseStarted;
import dev.suiteflow.events.PlannedPhase;
import dev.suiteflow.events.ProjectManifest;
import dev.suiteflow.events.RerunSuite;
import dev.suiteflow.events.SuiteAccepted;
import dev.suiteflow.events.SuiteCancelled;
import dev.suiteflow.events.SuiteCompleted;
import dev.suiteflow.events.SuitePlanned;
import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.events.SuiteStarted;
import dev.suiteflow.events.SuiteTotals;
import dev.suiteflow.events.TestResult;
import dev.suiteflow.planner.PlanPhase;
import dev.suiteflow.planner.SuiteState;
import dev.suiteflow.planner.config.PlannerConfig;
import dev.suiteflow.planner.history.HistoryStore;
import dev.suiteflow.planner.history.HistoryView;
import dev.suiteflow.support.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/**
 * A suite's life in the planner, one event at a time inside the consumer's transaction: plan it when accepted,
 * start it when the queue lets it, request its phases group by group as the previous ones finish, and finish it
 * (fail-fast or run-all). Every state change and the events announcing it commit together (outbox).
 */
@ApplicationScoped
public class SuiteLifecycle {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final PlannerConfig config;
    private final HistoryStore history;

    public SuiteLifecycle(Outbox outbox, ObjectMapper mapper, PlannerConfig config, HistoryStore history) {
        this.history = history;
        this.outbox = outbox;
        this.mapper = mapper;
        this.config = config;
    }

    // ------------------------------------------------------------------------------------------------ accepted

    public Uni<Void> onAccepted(SuiteAccepted accepted) {
        return SuiteState.<SuiteState>findById(accepted.suiteId()).chain(found -> {
            if (found != null) {
                Log.debugf("Suite %s is known already (%s)", found.suiteId, found.status);
                return Uni.createFrom().voidItem();
            }
            SuiteState state = new SuiteState();
            state.suiteId = accepted.suiteId();
            state.tenant = accepted.tenant();
            state.project = accepted.request().project();
            state.status = SuiteStatus.ACCEPTED;
            state.priority = accepted.request().priority() == null ? "normal" : accepted.request().priority();
            state.priorityRank = SuiteStatus.rank(state.priority);
            state.failFast = accepted.request().failFast() == null || accepted.request().failFast();
            state.createdAt = accepted.acceptedAt();
            state.updatedAt = Instant.now();
            state.request = json(accepted.request());
            ProjectManifest manifest = accepted.manifest();
            if (manifest == null) {
                return state.persist().chain(() -> error(state, "The suite was accepted without a project manifest;"
                        + " register the project's manifest and submit it again"));
            }
            state.manifestRevision = manifest.revision();
            state.manifest = json(manifest);
            SuiteRequested request = accepted.request();
            return history.load(state.tenant, state.project).chain(known -> offLoop(() -> {
                PlanInputs inputs = PlanInputs.compute(state.suiteId, request, manifest, known, true);
                return new Planned(PhasePlanner.plan(request, manifest, inputs.impact(), known), inputs);
            })).onFailure().recoverWithItem(e -> {
                // a manifest, request or workspace that cannot be planned ends the suite, never the consumer
                Log.warnf("Suite %s cannot be planned: %s", state.suiteId, e.getMessage());
                return new Planned(null, new PlanInputs(Optional.empty(), List.of(), e.getMessage()));
            }).chain(planned -> {
                if (planned.phases() == null) {
                    return state.persist().chain(() -> error(state, "The suite cannot be planned: "
                            + planned.inputs().codeRevision()));
                }
                state.codeRevision = planned.inputs().codeRevision();
                return state.persist()
                        .chain(() -> rememberManifest(accepted))
                        .chain(() -> plan(state, planned.phases(), manifest, planned.inputs().coverage(), "accepted"))
                        .chain(() -> gate(state, request, planned.inputs().coverage()));
            });
        });
    }

    /** A plan made off the event loop: its phases (null when it could not be made) and what it was made from. */
    private record Planned(List<PhasePlanner.Phase> phases, PlanInputs inputs) {
    }

    /** Runs blocking work (workspace reads, git) on a worker thread and resumes on the caller's Vert.x context. */
    static <T> Uni<T> offLoop(java.util.function.Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> uni = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? uni : uni.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    private Uni<Void> rememberManifest(SuiteAccepted accepted) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "INSERT INTO project_manifest (tenant, project, revision, manifest) VALUES (?1, ?2, ?3, ?4)"
                        + " ON CONFLICT DO NOTHING")
                .setParameter(1, accepted.tenant())
                .setParameter(2, accepted.manifest().project())
                .setParameter(3, accepted.manifest().revision())
                .setParameter(4, json(accepted.manifest()))
                .executeUpdate()).replaceWithVoid();
    }

    /** Persists a new plan revision (one row per phase shard) and announces it. */
    private Uni<Void> plan(SuiteState state, List<PhasePlanner.Phase> phases, ProjectManifest manifest,
            List<CriterionCoverage> coverage, String cause) {
        Instant now = Instant.now();
        state.status = SuiteStatus.PLANNED;
        state.planRevision = state.planRevision + 1;
        state.plannedAt = now;
        state.updatedAt = now;
        state.outcome = null;
        state.finishedAt = null;
        state.startedAt = null;
        // the suite row may be new in this session: flush it before the native insert that references it
        Uni<Void> chain = Panache.flush().chain(() -> Panache.getSession()).chain(session -> session.createNativeQuery(
                "INSERT INTO plan_revision (suite_id, revision, cause, planned_at) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, state.suiteId).setParameter(2, state.planRevision).setParameter(3, cause)
                .setParameter(4, now).executeUpdate()).replaceWithVoid();
        List<PlannedPhase> planned = new ArrayList<>();
        for (PhasePlanner.Phase phase : phases) {
            List<PlannedPhase.PlannedShard> shards = new ArrayList<>();
            for (PhasePlanner.ShardPlan shard : phase.shards()) {
                PlanPhase row = new PlanPhase();
                row.suiteId = state.suiteId;
                row.planRevision = state.planRevision;
                row.name = phase.name();
                row.shard = shard.index();
                row.shards = phase.shards().size();
                row.order = phase.order();
                row.group = phase.group();
                row.status = phase.skip() ? "skipped" : "pending";
                row.skipReason = phase.skip() ? "the change reaches none of its tests" : null;
                row.phaseRunId = UUID.randomUUID().toString();
                row.command = json(shard.command());
                row.tests = json(shard.tests());
                row.selection = json(phase.selection());
                row.timeoutSeconds = phase.timeoutSeconds();
                row.expectedSeconds = shard.expectedSeconds();
                chain = chain.chain(() -> row.persist().replaceWithVoid());
                shards.add(new PlannedPhase.PlannedShard(shard.index(), row.phaseRunId, shard.tests(),
                        shard.expectedSeconds()));
            }
            planned.add(new PlannedPhase(phase.name(), phase.order(), phase.group(), phase.selectionMode(),
                    phase.selection(), phase.skipped(), phase.timeoutSeconds(), List.copyOf(shards)));
        }
        Log.infof("Planned suite %s revision %d (%s): %d phase(s) %s from manifest %s revision %d", state.suiteId,
                state.planRevision, cause, phases.size(), phases.stream().map(p -> p.name()
                        + (p.shards().size() > 1 ? "×" + p.shards().size() : "")).toList(),
                manifest.project(), manifest.revision());
        int revision = state.planRevision;
        return chain.chain(() -> outbox.add(new SuitePlanned(state.suiteId, state.tenant, revision, state.project,
                manifest.revision(), planned, coverage, now, cause))).replaceWithVoid();
    }

    // ------------------------------------------------------------------------------------------------ approval

    /**
     * After a plan: wait for approval when the request asks for it or when it requires coverage that is missing;
     * else queue the suite.
     */
    private Uni<Void> gate(SuiteState state, SuiteRequested request, List<CriterionCoverage> coverage) {
        List<String> uncovered = uncovered(request, coverage);
        state.uncoveredCriteria = uncovered.isEmpty() ? null : json(uncovered);
        boolean approval = request.approval() != null && request.approval().required();
        if (approval || !uncovered.isEmpty()) {
            return awaitApproval(state, request, uncovered);
        }
        return startQueued();
    }

    /**
     * With {@code approval.requireCoverage}: the required criteria no test covers (a criterion whose coverage could
     * not be computed counts as uncovered). Empty otherwise.
     */
    static List<String> uncovered(SuiteRequested request, List<CriterionCoverage> coverage) {
        boolean required = request.approval() != null && Boolean.TRUE.equals(request.approval().requireCoverage());
        if (!required || request.change() == null || request.change().criteria() == null) {
            return List.of();
        }
        Map<String, CriterionCoverage> byId = new HashMap<>();
        coverage.forEach(c -> byId.put(c.criterionId(), c));
        return request.change().criteria().stream()
                .filter(AcceptanceCriterion::isRequired)
                .filter(c -> !byId.containsKey(c.id()) || byId.get(c.id()).gap())
                .map(AcceptanceCriterion::id).toList();
    }

    private Uni<Void> awaitApproval(SuiteState state, SuiteRequested request, List<String> uncovered) {
        Long asked = request.approval() == null ? null : request.approval().timeoutSeconds();
        long timeout = asked == null ? config.approvalTimeoutSeconds() : asked;
        Instant now = Instant.now();
        state.status = SuiteStatus.AWAITING_APPROVAL;
        state.approvalDeadline = now.plusSeconds(timeout);
        String reason = uncovered.isEmpty()
                ? "The request asks for approval before running: look at the plan and its coverage, then approve or"
                        + " reject it"
                : "Execution is blocked: the request requires coverage and no test covers the required acceptance"
                        + " criteria " + String.join(", ", uncovered) + ". Add tests for them (tag them [REQ:"
                        + uncovered.get(0) + "]) and re-run the suite, or reject it";
        Log.infof("Suite %s awaits approval until %s%s", state.suiteId, state.approvalDeadline,
                uncovered.isEmpty() ? "" : " (blocked: " + uncovered + " uncovered)");
        return outbox.add(new ApprovalRequested(state.suiteId, state.tenant, state.planRevision, reason,
                state.approvalDeadline, now, uncovered.isEmpty() ? null : uncovered)).replaceWithVoid();
    }

    public Uni<Void> onDecision(DecideApproval decision) {
        return SuiteState.<SuiteState>findById(decision.suiteId(), LockModeType.PESSIMISTIC_WRITE).chain(state -> {
            if (state == null || !state.tenant.equals(decision.tenant())) {
                Log.warnf("DecideApproval for unknown suite %s of tenant %s; ignored", decision.suiteId(),
                        decision.tenant());
                return Uni.createFrom().voidItem();
            }
            if (!state.status.equals(SuiteStatus.AWAITING_APPROVAL)) {
                Log.infof("Suite %s is %s, not awaiting approval; DecideApproval ignored", state.suiteId,
                        state.status);
                return Uni.createFrom().voidItem();
            }
            if (decision.approve() && state.uncoveredCriteria != null) {
                Log.warnf("Suite %s cannot be approved by %s: the required acceptance criteria %s have no test;"
                        + " ignored (add tests and re-run it, or reject it)", state.suiteId, decision.decidedBy(),
                        state.uncoveredCriteria);
                return Uni.createFrom().voidItem();
            }
            Instant now = Instant.now();
            String verdict = decision.approve() ? "approved" : "rejected";
            Log.infof("Suite %s %s by %s: %s", state.suiteId, verdict, decision.decidedBy(), decision.comment());
            Uni<Void> announced = outbox.add(new ApprovalDecided(state.suiteId, state.tenant, verdict,
                    decision.decidedBy(), decision.comment(), now)).replaceWithVoid();
            state.approvalDeadline = null;
            if (decision.approve()) {
                state.status = SuiteStatus.PLANNED;
                state.updatedAt = now;
                return announced.chain(this::startQueued);
            }
            return announced.chain(() -> end(state, decision.decidedBy(), "Rejected at approval"
                    + (decision.comment() == null || decision.comment().isBlank() ? "" : ": " + decision.comment())));
        });
    }

    /** Rejects the suites whose approval deadline passed without a decision; returns how many. */
    public Uni<Integer> expireApprovals() {
        return SuiteState.<SuiteState>find("status = ?1 and approvalDeadline < ?2 order by approvalDeadline",
                SuiteStatus.AWAITING_APPROVAL, Instant.now()).withLock(LockModeType.PESSIMISTIC_WRITE)
                .page(0, 100).list().chain(expired -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (SuiteState state : expired) {
                        Instant now = Instant.now();
                        chain = chain.chain(() -> outbox.add(new ApprovalDecided(state.suiteId, state.tenant,
                                "timed_out", null, "No decision before " + state.approvalDeadline, now)))
                                .chain(() -> end(state, "suiteflow", "No approval decision before "
                                        + state.approvalDeadline + ": rejected"));
                    }
                    return chain.replaceWith(expired.size());
                });
    }

    /** Ends a suite that never ran (rejected or timed out at approval) as cancelled. */
    private Uni<Void> end(SuiteState state, String by, String reason) {
        Instant now = Instant.now();
        state.status = SuiteStatus.CANCELLED;
        state.outcome = SuiteStatus.CANCELLED;
        state.detail = reason;
        state.approvalDeadline = null;
        state.finishedAt = now;
        state.updatedAt = now;
        return phasesOf(state).chain(phases -> {
            phases.forEach(p -> p.status = "cancelled");
            return outbox.add(new SuiteCancelled(state.suiteId, state.tenant, by, reason, now));
        }).replaceWithVoid();
    }

    // ------------------------------------------------------------------------------------------------ queue

    /** Starts planned suites, most urgent and oldest first, while fewer than the limit run. */
    public Uni<Void> startQueued() {
        return SuiteState.count("status", SuiteStatus.RUNNING).chain(running -> {
            int free = config.maxRunningSuites() - running.intValue();
            if (free <= 0) {
                return Uni.createFrom().voidItem();
            }
            return SuiteState.<SuiteState>find("status = ?1 order by priorityRank, createdAt", SuiteStatus.PLANNED)
                    .withLock(LockModeType.PESSIMISTIC_WRITE).page(0, free).list()
                    .chain(next -> {
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (SuiteState suite : next) {
                            chain = chain.chain(() -> start(suite));
                        }
                        return chain;
                    });
        });
    }

    private Uni<Void> start(SuiteState state) {
        Instant now = Instant.now();
        state.status = SuiteStatus.RUNNING;
        state.startedAt = now;
        state.updatedAt = now;
        Log.infof("Suite %s started (priority %s)", state.suiteId, state.priority);
        return outbox.add(new SuiteStarted(state.suiteId, state.tenant, state.planRevision, now))
                .chain(() -> requestNextGroup(state));
    }

    private Uni<List<PlanPhase>> phasesOf(SuiteState state) {
        return PlanPhase.<PlanPhase>list("suiteId = ?1 and planRevision = ?2 order by order, shard", state.suiteId,
                state.planRevision);
    }

    /** Requests every pending phase of the earliest group with one; finishes the suite when none is left. */
    private Uni<Void> requestNextGroup(SuiteState state) {
        return phasesOf(state).chain(phases -> {
            int group = phases.stream().filter(p -> p.status.equals("pending")).mapToInt(p -> p.group).min()
                    .orElse(-1);
            if (group < 0) {
                return complete(state, phases);
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (PlanPhase phase : phases) {
                if (phase.group == group && phase.status.equals("pending")) {
                    chain = chain.chain(() -> request(state, phase, 1));
                }
            }
            return chain;
        });
    }

    private Uni<Void> request(SuiteState state, PlanPhase phase, int attempt) {
        Instant now = Instant.now();
        phase.status = "requested";
        phase.attempt = attempt;
        phase.requestedAt = now;
        CommandSpec command = read(phase.command, CommandSpec.class);
        List<String> tests = read(phase.tests, STRINGS);
        return outbox.add(new PhaseRequested(state.suiteId, state.tenant, phase.phaseRunId, phase.name, attempt,
                state.priority, command, tests, phase.timeoutSeconds, now)).replaceWithVoid();
    }

    // ------------------------------------------------------------------------------------------------ phases

    public Uni<Void> onPhaseStarted(PhaseStarted started) {
        return phaseAndSuite(started.phaseRunId(), started.tenant()).chain(found -> {
            if (found == null) {
                return Uni.createFrom().voidItem();
            }
            PlanPhase phase = found.phase();
            if (phase.finished() || started.attempt() < phase.attempt
                    || !found.suite().status.equals(SuiteStatus.RUNNING)) {
                Log.infof("PhaseStarted of %s attempt %d does not fit (phase %s attempt %d, suite %s); ignored",
                        phase.name, started.attempt(), phase.status, phase.attempt, found.suite().status);
                return Uni.createFrom().voidItem();
            }
            phase.status = "running";
            phase.attempt = started.attempt();
            return Uni.createFrom().voidItem();
        });
    }

    public Uni<Void> onPhaseCompleted(PhaseCompleted completed) {
        return phaseAndSuite(completed.phaseRunId(), completed.tenant()).chain(found -> {
            if (found == null) {
                return Uni.createFrom().voidItem();
            }
            PlanPhase phase = found.phase();
            SuiteState state = found.suite();
            if (phase.finished() || completed.attempt() < phase.attempt
                    || !state.status.equals(SuiteStatus.RUNNING)) {
                Log.infof("PhaseCompleted of %s attempt %d does not fit (phase %s attempt %d, suite %s); ignored",
                        phase.name, completed.attempt(), phase.status, phase.attempt, state.status);
                return Uni.createFrom().voidItem();
            }
            if ("infrastructure".equals(completed.failureClass()) && completed.attempt() < config.maxAttempts()) {
                Log.warnf("Phase %s of suite %s lost its worker (attempt %d): requesting attempt %d", phase.name,
                        state.suiteId, completed.attempt(), completed.attempt() + 1);
                return request(state, phase, completed.attempt() + 1);
            }
            record(phase, completed);
            Uni<Void> remembered = history.record(new HistoryStore.Origin(state.tenant, state.project,
                    state.suiteId, phase.planRevision, state.codeRevision), completed);
            Log.infof("Phase %s of suite %s %s%s", phase.name, state.suiteId, phase.status,
                    phase.failureClass == null ? "" : " (" + phase.failureClass + ")");
            return remembered.chain(() -> phasesOf(state)).chain(phases -> afterPhase(state, phase, phases));
        });
    }

    private void record(PlanPhase phase, PhaseCompleted completed) {
        phase.status = switch (completed.status()) {
            case "passed", "failed", "errored", "cancelled" -> completed.status();
            default -> "errored";
        };
        phase.failureClass = completed.failureClass();
        phase.attempt = completed.attempt();
        phase.completedAt = Instant.now();
        List<TestResult> tests = completed.tests() == null ? List.of() : completed.tests();
        phase.testsTotal = tests.size();
        phase.testsPassed = (int) tests.stream().filter(t -> "passed".equals(t.status())).count();
        phase.testsSkipped = (int) tests.stream().filter(t -> "skipped".equals(t.status())).count();
        phase.testsFailed = phase.testsTotal - phase.testsPassed - phase.testsSkipped;
    }

    private Uni<Void> afterPhase(SuiteState state, PlanPhase done, List<PlanPhase> phases) {
        // the phase just recorded is the same managed entity as the one in the list
        boolean groupDone = phases.stream().filter(p -> p.group == done.group).allMatch(PlanPhase::finished);
        if (!groupDone) {
            return Uni.createFrom().voidItem();
        }
        boolean bad = phases.stream().anyMatch(p -> p.status.equals("failed") || p.status.equals("errored"));
        if (bad && state.failFast) {
            phases.stream().filter(p -> p.status.equals("pending")).forEach(p -> {
                p.status = "skipped";
                p.skipReason = "fail-fast: an earlier phase failed";
            });
            return complete(state, phases);
        }
        return requestNextGroup(state);
    }

    private Uni<Void> complete(SuiteState state, List<PlanPhase> phases) {
        String outcome = outcome(phases);
        if (!SuiteStatus.allowed(state.status, outcome)) {
            Log.warnf("Suite %s is %s and cannot become %s; ignored", state.suiteId, state.status, outcome);
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        state.status = outcome;
        state.outcome = outcome;
        state.finishedAt = now;
        state.updatedAt = now;
        SuiteTotals totals = totals(phases);
        long duration = state.startedAt == null ? 0 : Duration.between(state.startedAt, now).toMillis();
        Log.infof("Suite %s %s: %d/%d phases passed, %d/%d tests passed", state.suiteId, outcome,
                totals.phasesPassed(), totals.phases(), totals.testsPassed(), totals.tests());
        return revisionOutcome(state, outcome)
                .chain(() -> outbox.add(new SuiteCompleted(state.suiteId, state.tenant, outcome, totals, duration,
                        now)))
                .chain(this::startQueued);
    }

    private Uni<Void> revisionOutcome(SuiteState state, String outcome) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "UPDATE plan_revision SET outcome = ?1 WHERE suite_id = ?2 AND revision = ?3")
                .setParameter(1, outcome).setParameter(2, state.suiteId).setParameter(3, state.planRevision)
                .executeUpdate()).replaceWithVoid();
    }

    /** failed when a phase failed; else errored when one errored or was cancelled; else passed. */
    static String outcome(List<PlanPhase> phases) {
        if (phases.stream().anyMatch(p -> p.status.equals("failed"))) {
            return SuiteStatus.FAILED;
        }
        if (phases.stream().anyMatch(p -> p.status.equals("errored") || p.status.equals("cancelled"))) {
            return SuiteStatus.ERRORED;
        }
        return SuiteStatus.PASSED;
    }

    /** Totals by phase (a phase passed when all its shards did; failed when one failed or errored) and by test. */
    static SuiteTotals totals(List<PlanPhase> phases) {
        Map<String, List<PlanPhase>> byName = new LinkedHashMap<>();
        phases.forEach(p -> byName.computeIfAbsent(p.name, k -> new ArrayList<>()).add(p));
        int passed = 0;
        int failed = 0;
        for (List<PlanPhase> shards : byName.values()) {
            passed += shards.stream().allMatch(p -> p.status.equals("passed")) ? 1 : 0;
            failed += shards.stream().anyMatch(p -> p.status.equals("failed") || p.status.equals("errored")) ? 1 : 0;
        }
        int tests = 0;
        int testsPassed = 0;
        int testsFailed = 0;
        int testsSkipped = 0;
        for (PlanPhase p : phases) {
            tests += p.testsTotal;
            testsPassed += p.testsPassed;
            testsFailed += p.testsFailed;
            testsSkipped += p.testsSkipped;
        }
        return new SuiteTotals(byName.size(), passed, failed, tests, testsPassed, testsFailed, testsSkipped);
    }

    private Uni<Void> error(SuiteState state, String reason) {
        Instant now = Instant.now();
        Log.errorf("Suite %s errored: %s", state.suiteId, reason);
        state.status = SuiteStatus.ERRORED;
        state.outcome = SuiteStatus.ERRORED;
        state.detail = reason;
        state.finishedAt = now;
        state.updatedAt = now;
        return outbox.add(new SuiteCompleted(state.suiteId, state.tenant, SuiteStatus.ERRORED,
                new SuiteTotals(0, 0, 0, 0, 0, 0, 0), 0, now)).replaceWithVoid();
    }

    // ------------------------------------------------------------------------------------------------ commands

    public Uni<Void> onCancel(CancelSuite cancel) {
        return SuiteState.<SuiteState>findById(cancel.suiteId(), LockModeType.PESSIMISTIC_WRITE).chain(state -> {
            if (state == null || !state.tenant.equals(cancel.tenant())) {
                Log.warnf("CancelSuite for unknown suite %s of tenant %s; ignored", cancel.suiteId(),
                        cancel.tenant());
                return Uni.createFrom().voidItem();
            }
            if (!SuiteStatus.allowed(state.status, SuiteStatus.CANCELLED)) {
                Log.infof("Suite %s is %s already; CancelSuite ignored", state.suiteId, state.status);
                return Uni.createFrom().voidItem();
            }
            Instant now = Instant.now();
            boolean wasRunning = state.status.equals(SuiteStatus.RUNNING);
            state.status = SuiteStatus.CANCELLED;
            state.outcome = SuiteStatus.CANCELLED;
            state.detail = cancel.reason();
            state.finishedAt = now;
            state.updatedAt = now;
            Log.infof("Suite %s cancelled by %s: %s", state.suiteId, cancel.requestedBy(), cancel.reason());
            return phasesOf(state).chain(phases -> {
                phases.stream().filter(p -> !p.finished()).forEach(p -> {
                    p.status = "cancelled";
                    p.completedAt = now;
                });
                return outbox.add(new SuiteCancelled(state.suiteId, state.tenant, cancel.requestedBy(),
                        cancel.reason(), now));
            }).chain(() -> wasRunning ? startQueued() : Uni.createFrom().voidItem());
        });
    }

    /**
     * A rerun: a finished suite (or one blocked by missing coverage) gets a new plan revision — of everything
     * ({@code all}: planned again from its request, with today's history and workspace) or of what failed
     * ({@code failed}: the phases that failed, errored, were cancelled or skipped by fail-fast, each with the tests
     * that failed). It then goes through the approval gate again if its request asks for one.
     */
    public Uni<Void> onRerun(RerunSuite rerun) {
        return SuiteState.<SuiteState>findById(rerun.suiteId(), LockModeType.PESSIMISTIC_WRITE).chain(state -> {
            if (state == null || !state.tenant.equals(rerun.tenant())) {
                Log.warnf("RerunSuite for unknown suite %s of tenant %s; ignored", rerun.suiteId(), rerun.tenant());
                return Uni.createFrom().voidItem();
            }
            boolean blocked = state.status.equals(SuiteStatus.AWAITING_APPROVAL) && state.uncoveredCriteria != null;
            if (!SuiteStatus.isFinal(state.status) && !blocked) {
                Log.infof("Suite %s is %s; RerunSuite ignored (only a finished or blocked suite is re-run)",
                        state.suiteId, state.status);
                return Uni.createFrom().voidItem();
            }
            boolean failedOnly = "failed".equals(rerun.scope()) && !blocked;
            SuiteRequested request = read(state.request, SuiteRequested.class);
            return manifestOf(state).chain(manifest -> {
                if (manifest == null) {
                    Log.errorf("Suite %s cannot be re-run: the planner has no copy of manifest %s revision %s",
                            state.suiteId, state.project, state.manifestRevision);
                    return Uni.createFrom().voidItem();
                }
                Uni<Map<String, List<String>>> failed = failedOnly ? failedByPhase(state)
                        : Uni.createFrom().item(Map.of());
                return failed.chain(toRerun -> {
                    if (failedOnly && toRerun.isEmpty()) {
                        Log.infof("Suite %s has nothing that failed; RerunSuite of scope failed ignored", state.suiteId);
                        return Uni.createFrom().voidItem();
                    }
                    int previous = state.planRevision;
                    return history.load(state.tenant, state.project).chain(known -> offLoop(() -> {
                        PlanInputs inputs = PlanInputs.compute(state.suiteId, request, manifest, known, !failedOnly);
                        return new Planned(failedOnly
                                ? PhasePlanner.rerunFailed(request, manifest, toRerun, previous, known)
                                : PhasePlanner.plan(request, manifest, inputs.impact(), known), inputs);
                    })).onFailure().recoverWithItem(e -> {
                        Log.warnf("Suite %s cannot be re-planned: %s", state.suiteId, e.getMessage());
                        return new Planned(null, null);
                    }).chain(planned -> {
                        if (planned.phases() == null) {
                            return Uni.createFrom().voidItem();
                        }
                        Log.infof("Suite %s re-run (%s) by %s", state.suiteId, failedOnly ? "failed" : "all",
                                rerun.requestedBy());
                        state.codeRevision = planned.inputs().codeRevision();
                        state.approvalDeadline = null;
                        state.detail = null;
                        return plan(state, planned.phases(), manifest, planned.inputs().coverage(),
                                failedOnly ? "rerun-failed" : "rerun")
                                .chain(() -> gate(state, request, planned.inputs().coverage()));
                    });
                });
            });
        });
    }

    private Uni<ProjectManifest> manifestOf(SuiteState state) {
        if (state.manifest != null) {
            return Uni.createFrom().item(read(state.manifest, ProjectManifest.class));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT manifest FROM"
                + " project_manifest WHERE tenant = ?1 AND project = ?2 AND revision = ?3")
                .setParameter(1, state.tenant).setParameter(2, state.project)
                .setParameter(3, state.manifestRevision == null ? -1 : state.manifestRevision)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : read((String) rows.get(0), ProjectManifest.class));
    }

    /**
     * The phases of the current revision to run again, each with the tests that failed in it (empty: the whole
     * phase, e.g. it timed out, or was cancelled or skipped by fail-fast before it ran).
     */
    private Uni<Map<String, List<String>>> failedByPhase(SuiteState state) {
        return phasesOf(state).chain(phases -> {
            Map<String, List<String>> failed = new LinkedHashMap<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (PlanPhase p : phases) {
                boolean again = switch (p.status) {
                    case "failed", "errored", "cancelled" -> true;
                    case "skipped" -> p.skipReason != null && p.skipReason.startsWith("fail-fast");
                    default -> false;
                };
                if (!again) {
                    continue;
                }
                failed.putIfAbsent(p.name, new ArrayList<>());
                if (p.status.equals("failed")) {
                    chain = chain.chain(() -> history.failedTests(p.phaseRunId, p.attempt)
                            .invoke(ids -> failed.get(p.name).addAll(ids)).replaceWithVoid());
                }
            }
            // a failed shard's phase reruns only what failed in it; a whole-phase failure (no test ids) reruns all
            return chain.replaceWith(() -> {
                Map<String, List<String>> out = new LinkedHashMap<>();
                failed.forEach((name, ids) -> {
                    boolean whole = phases.stream().anyMatch(p -> p.name.equals(name)
                            && !p.status.equals("failed") && !p.status.equals("passed"));
                    out.put(name, whole ? List.of() : List.copyOf(ids));
                });
                return out;
            });
        });
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private record Found(PlanPhase phase, SuiteState suite) {
    }

    /** The phase run and its suite (locked), or null (logged) when unknown or of another tenant. */
    private Uni<Found> phaseAndSuite(String phaseRunId, String tenant) {
        return PlanPhase.<PlanPhase>find("phaseRunId", phaseRunId).firstResult().chain(phase -> {
            if (phase == null) {
                Log.warnf("Phase run %s is not one of this planner's; ignored", phaseRunId);
                return Uni.createFrom().nullItem();
            }
            return SuiteState.<SuiteState>findById(phase.suiteId, LockModeType.PESSIMISTIC_WRITE).map(suite -> {
                if (suite == null || !suite.tenant.equals(tenant)) {
                    Log.warnf("Phase run %s belongs to another tenant; ignored", phaseRunId);
                    return null;
                }
                return new Found(phase, suite);
            });
        });
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
