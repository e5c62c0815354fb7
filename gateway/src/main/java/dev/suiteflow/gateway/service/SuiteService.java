package dev.suiteflow.gateway.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.CancelSuite;
import dev.suiteflow.events.DecideApproval;
import dev.suiteflow.events.FieldError;
import dev.suiteflow.events.RerunSuite;
import dev.suiteflow.gateway.config.GatewayConfig;
import dev.suiteflow.gateway.repository.SuiteQueries;
import dev.suiteflow.gateway.repository.SuiteRepository;
import dev.suiteflow.gateway.rest.LogPage;
import dev.suiteflow.gateway.rest.PlanView;
import dev.suiteflow.gateway.rest.SuitePage;
import dev.suiteflow.gateway.rest.SuiteSummary;
import dev.suiteflow.gateway.rest.SuiteView;
import dev.suiteflow.gateway.security.Caller;
import dev.suiteflow.support.outbox.Outbox;
import dev.suiteflow.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Reads suites for the API (validating list and log parameters) and cancels them. */
@ApplicationScoped
public class SuiteService {

    /** Statuses a list can be filtered by. */
    public static final Set<String> STATUSES = Set.of("pending", "accepted", "planned", "awaiting_approval",
            "running", "passed", "failed", "errored", "cancelled", "rejected");
    static final Pattern PROJECT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    static final Pattern PHASE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** What a cancellation returns: the command's id. */
    public record Cancelled(String suiteId, String commandId) {
    }

    /** What a re-run request returns: the revision it re-runs and the command's id. */
    public record Rerun(String suiteId, String scope, Integer fromRevision, String commandId) {
    }

    /** Outcomes after which a suite can be re-run (the planner's rule). */
    static final Set<String> RERUNNABLE = Set.of("passed", "failed", "errored", "cancelled");
    static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final SuiteQueries queries;
    private final SuiteRepository suites;
    private final Outbox outbox;
    private final GatewayConfig config;
    private final ObjectMapper mapper;

    public SuiteService(SuiteQueries queries, SuiteRepository suites, Outbox outbox, GatewayConfig config,
            ObjectMapper mapper) {
        this.queries = queries;
        this.suites = suites;
        this.outbox = outbox;
        this.config = config;
        this.mapper = mapper;
    }

    /** A page of the tenant's suites, newest first; 400 with every bad parameter. */
    public Uni<SuitePage> list(Caller caller, String limitParam, String cursorParam, String status, String project,
            String sinceParam) {
        List<FieldError> errors = new ArrayList<>();
        int limit = integer("limit", limitParam, DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
        if (status != null && !STATUSES.contains(status)) {
            errors.add(new FieldError("status", "must be one of " + String.join(", ", STATUSES.stream().sorted()
                    .toList())));
        }
        if (project != null && !PROJECT.matcher(project).matches()) {
            errors.add(new FieldError("project", "must be a project id (lower-case letters, digits, . _ -)"));
        }
        Instant since = null;
        if (sinceParam != null) {
            try {
                since = Instant.parse(sinceParam);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("since", "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z"));
            }
        }
        Instant beforeCreatedAt = null;
        String beforeSuiteId = null;
        if (cursorParam != null) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(cursorParam), StandardCharsets.UTF_8);
                int bar = decoded.indexOf('|');
                long micros = Long.parseLong(decoded.substring(0, bar));
                beforeCreatedAt = Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1000L));
                beforeSuiteId = decoded.substring(bar + 1);
                if (beforeSuiteId.isEmpty()) {
                    throw new IllegalArgumentException("no suite id");
                }
            } catch (RuntimeException e) {
                errors.add(new FieldError("cursor", "is not a cursor this API gave out; start without one"));
            }
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.validation(errors));
        }
        return queries.list(new SuiteQueries.ListQuery(caller.tenant(), status, project, since, beforeCreatedAt,
                beforeSuiteId, limit)).map(rows -> {
                    if (rows.size() <= limit) {
                        return new SuitePage(rows, null);
                    }
                    List<SuiteSummary> page = rows.subList(0, limit);
                    SuiteSummary last = page.get(limit - 1);
                    return new SuitePage(List.copyOf(page), cursor(last.createdAt(), last.suiteId()));
                });
    }

    static String cursor(Instant createdAt, String suiteId) {
        long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L),
                createdAt.getNano() / 1000L);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "|" + suiteId).getBytes(StandardCharsets.UTF_8));
    }

    /** The whole suite; 404 when the tenant has no such suite. */
    public Uni<SuiteView> get(Caller caller, String suiteId) {
        return queries.detail(caller.tenant(), suiteId, config.logs().maxLinesPerSuite()).map(view -> {
            if (view == null) {
                throw ProblemException.notFound("Suite " + suiteId);
            }
            return view;
        });
    }

    /** One stored plan revision of the suite; 400 for a bad revision, 404 for an unknown suite or revision. */
    public Uni<PlanView> plan(Caller caller, String suiteId, String revisionParam) {
        List<FieldError> errors = new ArrayList<>();
        int revision = integer("revision", revisionParam, 0, 1, Integer.MAX_VALUE, errors);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.validation(errors));
        }
        return queries.status(caller.tenant(), suiteId).chain(status -> {
            if (status == null) {
                throw ProblemException.notFound("Suite " + suiteId);
            }
            return queries.plan(caller.tenant(), suiteId, revision).map(plan -> {
                if (plan == null) {
                    throw ProblemException.notFound("Plan revision " + revision + " of suite " + suiteId);
                }
                return plan;
            });
        });
    }

    /** A page of the suite's log lines; 400 for bad parameters, 404 when the tenant has no such suite. */
    public Uni<LogPage> logs(Caller caller, String suiteId, String phase, String phaseRunId, String afterLineParam,
            String limitParam) {
        List<FieldError> errors = new ArrayList<>();
        if (phase != null && !PHASE.matcher(phase).matches()) {
            errors.add(new FieldError("phase", "must be a phase name (lower-case letters, digits, _ -)"));
        }
        if (phaseRunId != null && !RUN_ID.matcher(phaseRunId).matches()) {
            errors.add(new FieldError("phaseRunId", "must be a phase run id (letters, digits, . _ : -, at most 128)"));
        }
        long afterLine = integer("afterLine", afterLineParam, 0, 0, Long.MAX_VALUE, errors);
        int limit = (int) integer("limit", limitParam, config.logs().defaultPage(), 1, config.logs().maxPage(),
                errors);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.validation(errors));
        }
        return queries.status(caller.tenant(), suiteId).chain(status -> {
            if (status == null) {
                throw ProblemException.notFound("Suite " + suiteId);
            }
            return queries.logs(suiteId, phase, phaseRunId, afterLine, limit);
        });
    }

    /**
     * Asks the planner to cancel the suite: CancelSuite goes to suite-commands through the outbox, in the
     * transaction that records who asked. 404 for another tenant's suite, 409 when the suite is already final.
     */
    public Uni<Cancelled> cancel(Caller caller, String suiteId, String reason) {
        return Panache.withTransaction(() -> suites.findForTenant(caller.tenant(), suiteId).chain(suite -> {
            if (suite == null) {
                throw ProblemException.notFound("Suite " + suiteId);
            }
            if (ReadModelService.FINAL.contains(suite.status)) {
                throw ProblemException.conflict("Suite " + suiteId + " is already " + suite.status
                        + "; only a suite that has not finished can be cancelled");
            }
            Instant now = Instant.now();
            suite.cancelRequestedBy = caller.name();
            suite.cancelRequestedAt = now;
            return outbox.add(new CancelSuite(suiteId, caller.tenant(), caller.name(), reason, now))
                    .invoke(id -> Log.infof("Cancellation of %s requested by %s", suiteId, caller.name()))
                    .map(id -> new Cancelled(suiteId, id.toString()));
        }));
    }

    /** Approve or reject a suite that awaits approval: DecideApproval on suite-commands; 409 when it does not wait. */
    public Uni<Cancelled> decide(Caller caller, String suiteId, boolean approve, String comment) {
        return Panache.withTransaction(() -> suites.findForTenant(caller.tenant(), suiteId).chain(suite -> {
            if (suite == null) {
                throw ProblemException.notFound("Suite " + suiteId);
            }
            if (!"awaiting_approval".equals(suite.status)) {
                throw ProblemException.conflict("Suite " + suiteId + " is " + suite.status
                        + ": only a suite awaiting approval can be approved or rejected");
            }
            List<String> uncovered = uncovered(suite.uncoveredCriteria);
            if (approve && !uncovered.isEmpty()) {
                throw ProblemException.conflict("Suite " + suiteId + " cannot be approved: the request requires"
                        + " coverage and no test covers the required acceptance criteria " + String.join(", ", uncovered)
                        + ". Reject it, or add tests for them and run it again");
            }
            return outbox.add(new DecideApproval(suiteId, caller.tenant(), approve, caller.name(), comment,
                    Instant.now()))
                    .invoke(id -> Log.infof("%s of %s sent by %s", approve ? "Approval" : "Rejection", suiteId,
                            caller.name()))
                    .map(id -> new Cancelled(suiteId, id.toString()));
        }));
    }

    /**
     * Asks the planner to run a finished suite again under a new plan revision: RerunSuite goes to suite-commands
     * through the outbox, in the transaction that records who asked. A suite blocked at approval by uncovered
     * required criteria may be re-planned too (scope all: the planner checks coverage again). 404 for another
     * tenant's suite; 409 while the suite runs or waits (unblocked) for approval, for a request refused at intake,
     * when scope {@code failed} finds nothing that failed, or while an earlier re-run request still waits for its
     * plan.
     */
    public Uni<Rerun> rerun(Caller caller, String suiteId, String scope) {
        return Panache.withTransaction(() -> suites.findForTenant(caller.tenant(), suiteId).chain(suite -> {
            if (suite == null) {
                throw ProblemException.notFound("Suite " + suiteId);
            }
            boolean blocked = "awaiting_approval".equals(suite.status) && !uncovered(suite.uncoveredCriteria).isEmpty();
            if (blocked && "failed".equals(scope)) {
                throw ProblemException.conflict("Suite " + suiteId + " is blocked before running (no test covers "
                        + String.join(", ", uncovered(suite.uncoveredCriteria)) + "): nothing ran, so re-plan it"
                        + " with scope all once the tests exist");
            }
            if (!RERUNNABLE.contains(suite.status) && !blocked) {
                throw ProblemException.conflict("Suite " + suiteId + " is " + suite.status + ": only a suite that"
                        + " finished (passed, failed, errored or cancelled), or one blocked by uncovered criteria,"
                        + " can be run again"
                        + (ReadModelService.FINAL.contains(suite.status) ? "" : "; wait until it has finished"));
            }
            if ("failed".equals(scope) && "passed".equals(suite.outcome)) {
                throw ProblemException.conflict("Suite " + suiteId + " passed under plan revision "
                        + suite.planRevision + ": nothing failed, so there is nothing to re-run with scope failed"
                        + " (use scope all)");
            }
            Instant now = Instant.now();
            if (suite.rerunRequestedAt != null && Objects.equals(suite.rerunRequestedRevision, suite.planRevision)
                    && suite.rerunRequestedAt.isAfter(now.minus(config.rerun().pendingWindow()))) {
                throw ProblemException.conflict("A re-run of suite " + suiteId + " was requested by "
                        + suite.rerunRequestedBy + " at " + suite.rerunRequestedAt
                        + " and its new plan has not arrived yet");
            }
            suite.rerunRequestedBy = caller.name();
            suite.rerunRequestedAt = now;
            suite.rerunScope = scope;
            suite.rerunRequestedRevision = suite.planRevision;
            return outbox.add(new RerunSuite(suiteId, caller.tenant(), scope, caller.name(), now))
                    .invoke(id -> Log.infof("Re-run (%s) of %s requested by %s", scope, suiteId, caller.name()))
                    .map(id -> new Rerun(suiteId, scope, suite.planRevision, id.toString()));
        }));
    }

    private List<String> uncovered(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            List<String> ids = mapper.readValue(json, STRINGS);
            return ids == null ? List.of() : ids;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable uncovered criteria of a suite", e);
        }
    }

    private static int integer(String field, String value, int fallback, int min, int max, List<FieldError> errors) {
        return (int) integer(field, value, (long) fallback, min, (long) max, errors);
    }

    private static long integer(String field, String value, long fallback, long min, long max,
            List<FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < min || parsed > max) {
                errors.add(new FieldError(field, "must be between " + min + " and " + max));
                return fallback;
            }
            return parsed;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be a whole number"));
            return fallback;
        }
    }
}
