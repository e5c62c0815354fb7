package dev.suiteflow.executor.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.CancelSuite;
import dev.suiteflow.events.PhaseCompleted;
import dev.suiteflow.events.PhaseHeartbeat;
import dev.suiteflow.events.PhaseLog;
import dev.suiteflow.events.PhaseRequested;
import dev.suiteflow.events.PhaseStarted;
import dev.suiteflow.events.TestResult;
import dev.suiteflow.executor.PhaseAttempt;
import dev.suiteflow.executor.config.ExecutorConfig;
import dev.suiteflow.executor.run.LogBatcher;
import dev.suiteflow.executor.run.Outcome;
import dev.suiteflow.executor.run.PhaseRunner;
import dev.suiteflow.support.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The attempt table's rules. Every state change and the event announcing it commit together (outbox): queued on
 * request, running with PhaseStarted when claimed, lease extended with PhaseHeartbeat, finished with
 * PhaseCompleted, re-queued as attempt + 1 when a lease expired. Methods returning {@link Uni} run inside the
 * caller's transaction (the consumers'); the blocking ones open their own and are called from worker threads.
 */
@ApplicationScoped
public class AttemptService {

    /** How a heartbeat went. */
    public enum Heartbeat {
        /** Lease extended. */
        ALIVE,
        /** Lease extended, and the suite was cancelled: stop the attempt. */
        CANCEL,
        /** The attempt is no longer this worker's (its lease expired and it was re-queued): stop, publish nothing. */
        LOST
    }

    /** The tenant's permit count changed between the pick and the update (defensive; the pick locks the row). */
    public static class PermitRace extends RuntimeException {
        PermitRace() {
            super("tenant permit taken concurrently", null, false, false);
        }
    }

    /*
     * The tenant's permit row is locked with the attempt: claims of one tenant are serialised, so a worker cannot
     * skip the tenant's best attempt (locked by another worker) and take the last permit for a lower-priority one.
     * Other tenants' attempts stay claimable meanwhile (SKIP LOCKED).
     */
    private static final String CLAIM = "SELECT a.* FROM phase_attempt a JOIN tenant_permit p ON p.tenant = a.tenant"
            + " WHERE a.status = 'queued' AND p.in_use < :permits"
            + " ORDER BY a.priority_rank, a.requested_at, a.queued_at LIMIT 1 FOR UPDATE OF a, p SKIP LOCKED";

    private static final String TAKE_PERMIT = "UPDATE tenant_permit SET in_use = in_use + 1"
            + " WHERE tenant = :tenant AND in_use < :permits";

    private static final String ENSURE_PERMIT_ROW = "INSERT INTO tenant_permit (tenant, in_use) VALUES (:tenant, 0)"
            + " ON CONFLICT (tenant) DO NOTHING";

    private static final String RELEASE_PERMIT = "UPDATE tenant_permit SET in_use = in_use - 1"
            + " WHERE tenant = :tenant AND in_use > 0";

    private static final String INSERT = "INSERT INTO phase_attempt (id, phase_run_id, attempt, suite_id, tenant,"
            + " phase, priority, priority_rank, request, status, requested_at, queued_at, outcome, failure_class,"
            + " completed_at) VALUES (:id, :run, :attempt, :suite, :tenant, :phase, :priority, :rank, :request,"
            + " :status, :requested, :queued, :outcome, :class, :completed)"
            + " ON CONFLICT (phase_run_id, attempt) DO NOTHING";

    private final ObjectMapper mapper;
    private final Outbox outbox;
    private final ExecutorConfig config;

    public AttemptService(ObjectMapper mapper, Outbox outbox, ExecutorConfig config) {
        this.mapper = mapper;
        this.outbox = outbox;
        this.config = config;
    }

    // ---- in the consumers' transactions ----

    /**
     * Records a requested attempt as queued (a redelivery, or the same attempt under another event id, changes
     * nothing). An attempt of a suite already cancelled is recorded finished and answered with PhaseCompleted
     * cancelled.
     *
     * @return true when a queued attempt was added (workers should look)
     */
    public Uni<Boolean> enqueue(PhaseRequested request) {
        return Panache.getSession().chain(s -> s
                .createNativeQuery("SELECT reason FROM cancelled_suite WHERE suite_id = :suite AND tenant = :tenant")
                .setParameter("suite", request.suiteId()).setParameter("tenant", request.tenant())
                .getResultList())
                .chain(cancelled -> {
                    if (cancelled.isEmpty()) {
                        return insert(request, false);
                    }
                    return insert(request, true).chain(added -> added
                            ? outbox.add(completed(request, Outcome.failure(Outcome.CANCELLED,
                                    "the suite was cancelled before the phase started"), null, List.of(), 0, 0, ""))
                                    .replaceWith(false)
                            : Uni.createFrom().item(false));
                });
    }

    private Uni<Boolean> insert(PhaseRequested request, boolean cancelled) {
        String json;
        try {
            json = mapper.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        Instant now = Instant.now();
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT)
                .setParameter("id", UUID.randomUUID())
                .setParameter("run", request.phaseRunId())
                .setParameter("attempt", request.attempt())
                .setParameter("suite", request.suiteId())
                .setParameter("tenant", request.tenant())
                .setParameter("phase", request.phase())
                .setParameter("priority", request.priority() == null ? "normal" : request.priority())
                .setParameter("rank", PhaseAttempt.rank(request.priority()))
                .setParameter("request", json)
                .setParameter("status", cancelled ? PhaseAttempt.FINISHED : PhaseAttempt.QUEUED)
                .setParameter("requested", request.requestedAt() != null ? request.requestedAt() : now)
                .setParameter("queued", now)
                .setParameter("outcome", cancelled ? Outcome.CANCELLED : null)
                .setParameter("class", cancelled ? Outcome.CANCELLED : null)
                .setParameter("completed", cancelled ? now : null)
                .executeUpdate()
                .chain(rows -> rows == 1 && !cancelled
                        ? s.createNativeQuery(ENSURE_PERMIT_ROW).setParameter("tenant", request.tenant())
                                .executeUpdate().replaceWith(true)
                        : Uni.createFrom().item(rows == 1)));
    }

    /**
     * Cancels a suite: its queued attempts finish as cancelled (with PhaseCompleted), its running ones are flagged
     * so their workers kill them, and later requests of the suite are not run.
     */
    public Uni<Void> cancelSuite(CancelSuite cancel) {
        String reason = cancel.reason() != null && !cancel.reason().isBlank() ? cancel.reason() : null;
        return Panache.getSession().chain(s -> s
                .createNativeQuery("INSERT INTO cancelled_suite (suite_id, tenant, reason) VALUES (:suite, :tenant,"
                        + " :reason) ON CONFLICT DO NOTHING")
                .setParameter("suite", cancel.suiteId()).setParameter("tenant", cancel.tenant())
                .setParameter("reason", reason)
                .executeUpdate()
                .chain(() -> s.createNativeQuery("SELECT * FROM phase_attempt WHERE suite_id = :suite"
                        + " AND tenant = :tenant AND status = 'queued' FOR UPDATE", PhaseAttempt.class)
                        .setParameter("suite", cancel.suiteId()).setParameter("tenant", cancel.tenant())
                        .getResultList())
                .chain(queued -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (PhaseAttempt a : queued) {
                        chain = chain.chain(() -> finishCancelledInQueue(a, cancel));
                    }
                    return chain;
                })
                .chain(() -> s.createNativeQuery("UPDATE phase_attempt SET cancel_requested = true"
                        + " WHERE suite_id = :suite AND tenant = :tenant AND status = 'running'")
                        .setParameter("suite", cancel.suiteId()).setParameter("tenant", cancel.tenant())
                        .executeUpdate())
                .invoke(running -> Log.infof("Suite %s cancelled: %d running attempt(s) to stop", cancel.suiteId(),
                        running))
                .replaceWithVoid());
    }

    private Uni<Void> finishCancelledInQueue(PhaseAttempt a, CancelSuite cancel) {
        Instant now = Instant.now();
        a.status = PhaseAttempt.FINISHED;
        a.outcome = Outcome.CANCELLED;
        a.failureClass = Outcome.CANCELLED;
        a.completedAt = now;
        a.queueWaitMs = Math.max(0, now.toEpochMilli() - a.queuedAt.toEpochMilli());
        a.durationMs = 0L;
        String text = "the suite was cancelled before the phase started"
                + (cancel.requestedBy() != null ? " (by " + cancel.requestedBy() + ")" : "")
                + (cancel.reason() != null ? ": " + cancel.reason() : "");
        return outbox.add(completed(a, Outcome.failure(Outcome.CANCELLED, text), null, List.of(), a.queueWaitMs,
                0, "")).replaceWithVoid();
    }

    // ---- blocking, from worker threads ----

    /**
     * Claims the next queued attempt (urgent first, then by request time) whose tenant has a free permit, takes
     * the permit, leases the attempt to the worker and writes PhaseStarted — one transaction.
     *
     * @return null when nothing can run now
     * @throws PermitRace when the tenant's last permit went to another worker meanwhile (nothing changed)
     */
    public Claimed claim(String worker) {
        return await(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                .createNativeQuery(CLAIM, PhaseAttempt.class)
                .setParameter("permits", config.tenantPermits())
                .getResultList()
                .chain(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    PhaseAttempt a = found.get(0);
                    return s.createNativeQuery(TAKE_PERMIT)
                            .setParameter("tenant", a.tenant).setParameter("permits", config.tenantPermits())
                            .executeUpdate()
                            .chain(taken -> taken == 1 ? start(a, worker)
                                    : Uni.createFrom().failure(new PermitRace()));
                }))));
    }

    private Uni<Claimed> start(PhaseAttempt a, String worker) {
        Instant now = Instant.now();
        PhaseRequested request;
        try {
            request = mapper.readValue(a.request, PhaseRequested.class);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        a.status = PhaseAttempt.RUNNING;
        a.worker = worker;
        a.startedAt = now;
        a.leaseUntil = now.plus(config.lease());
        a.permitHeld = true;
        a.queueWaitMs = Math.max(0, now.toEpochMilli() - a.queuedAt.toEpochMilli());
        return outbox.add(new PhaseStarted(a.suiteId, a.tenant, a.phaseRunId, a.phase, a.attempt, worker,
                a.queueWaitMs, now))
                .replaceWith(new Claimed(a.id, request, a.queueWaitMs, now));
    }

    /** Extends the lease of a running attempt and writes PhaseHeartbeat. */
    public Heartbeat heartbeat(Claimed claimed, String worker, long elapsedMs) {
        // locked like complete(): otherwise this read-modify-write could put back 'running' over a finish that
        // committed in between, and the expired lease would run the phase again
        return await(() -> Panache.withTransaction(() -> PhaseAttempt.<PhaseAttempt>findById(claimed.id(),
                LockModeType.PESSIMISTIC_WRITE)
                .chain(a -> {
                    if (a == null || !PhaseAttempt.RUNNING.equals(a.status) || !worker.equals(a.worker)) {
                        return Uni.createFrom().item(Heartbeat.LOST);
                    }
                    Instant now = Instant.now();
                    a.leaseUntil = now.plus(config.lease());
                    return outbox.add(new PhaseHeartbeat(a.suiteId, a.tenant, a.phaseRunId, a.phase, a.attempt,
                            worker, elapsedMs, now))
                            .replaceWith(a.cancelRequested ? Heartbeat.CANCEL : Heartbeat.ALIVE);
                })));
    }

    /** Writes one PhaseLog batch. */
    public void log(Claimed claimed, LogBatcher.Batch batch) {
        PhaseRequested r = claimed.request();
        await(() -> Panache.withTransaction(() -> outbox.add(new PhaseLog(r.suiteId(), r.tenant(), r.phaseRunId(),
                r.phase(), r.attempt(), batch.batch(), batch.firstLine(), batch.lines(), Instant.now()))));
    }

    /**
     * Finishes a running attempt with its result, releases its tenant permit and writes PhaseCompleted — one
     * transaction.
     *
     * @return false when the attempt is no longer this worker's (nothing written)
     */
    public boolean complete(Claimed claimed, String worker, PhaseRunner.Result result) {
        return await(() -> Panache.withTransaction(() -> PhaseAttempt.<PhaseAttempt>findById(claimed.id(),
                LockModeType.PESSIMISTIC_WRITE)
                .chain(a -> {
                    if (a == null || !PhaseAttempt.RUNNING.equals(a.status) || !worker.equals(a.worker)) {
                        Log.warnf("Attempt %s of %s is no longer this worker's; its result is dropped",
                                claimed.request().attempt(), claimed.request().phaseRunId());
                        return Uni.createFrom().item(false);
                    }
                    Outcome outcome = result.outcome();
                    a.status = PhaseAttempt.FINISHED;
                    a.outcome = outcome.status();
                    a.failureClass = outcome.failureClass();
                    a.exitCode = result.exitCode();
                    a.durationMs = result.durationMs();
                    a.completedAt = Instant.now();
                    a.leaseUntil = null;
                    return releaseHeld(a)
                            .chain(() -> outbox.add(completed(a, outcome, result.exitCode(), result.tests(),
                                    claimed.queueWaitMs(), result.durationMs(), result.logExcerpt())))
                            .replaceWith(true);
                })));
    }

    /** Releases the attempt's tenant permit if it still holds it (idempotent; the finally path of a worker). */
    public void releasePermit(UUID id) {
        await(() -> Panache.withTransaction(() -> PhaseAttempt.<PhaseAttempt>findById(id,
                LockModeType.PESSIMISTIC_WRITE)
                .chain(a -> a == null ? Uni.createFrom().voidItem() : releaseHeld(a))));
    }

    private Uni<Void> releaseHeld(PhaseAttempt a) {
        if (!a.permitHeld) {
            return Uni.createFrom().voidItem();
        }
        a.permitHeld = false;
        return Panache.getSession().chain(s -> s.createNativeQuery(RELEASE_PERMIT)
                .setParameter("tenant", a.tenant).executeUpdate()).replaceWithVoid();
    }

    /**
     * Attempts whose lease expired (their worker died or hung): each finishes errored/infrastructure (or
     * cancelled, if its suite was), releases its permit, and runs again as attempt + 1 unless it was the last
     * allowed attempt.
     *
     * @return how many attempts were re-queued
     */
    public int recoverExpired() {
        return await(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("SELECT * FROM phase_attempt WHERE status = 'running' AND lease_until < :now"
                        + " ORDER BY lease_until LIMIT 100 FOR UPDATE SKIP LOCKED", PhaseAttempt.class)
                .setParameter("now", Instant.now())
                .getResultList()
                .chain(expired -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (PhaseAttempt a : expired) {
                        chain = chain.chain(count -> recover(a).map(requeued -> requeued ? count + 1 : count));
                    }
                    return chain;
                }))));
    }

    private Uni<Boolean> recover(PhaseAttempt a) {
        PhaseRequested request;
        try {
            request = mapper.readValue(a.request, PhaseRequested.class);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        Instant now = Instant.now();
        int next = a.attempt + 1;
        boolean again = !a.cancelRequested && a.attempt < config.maxAttempts();
        Outcome outcome;
        if (a.cancelRequested) {
            outcome = Outcome.failure(Outcome.CANCELLED, "the suite was cancelled; the worker running the phase"
                    + " stopped answering");
        } else if (again) {
            outcome = Outcome.failure(Outcome.INFRASTRUCTURE,
                    "the worker stopped while running the phase; it runs again as attempt " + next);
        } else {
            outcome = Outcome.failure(Outcome.INFRASTRUCTURE, "the worker stopped while running the phase, "
                    + a.attempt + " attempts so far; it is not run again: check the executor workers' health"
                    + " (memory, disk) or whether the phase kills its worker");
        }
        Log.warnf("Lease of attempt %d of %s (worker %s) expired: %s", a.attempt, a.phaseRunId, a.worker,
                outcome.remediation());
        long duration = a.startedAt != null ? Math.max(0, now.toEpochMilli() - a.startedAt.toEpochMilli()) : 0;
        a.status = PhaseAttempt.FINISHED;
        a.outcome = outcome.status();
        a.failureClass = outcome.failureClass();
        a.completedAt = now;
        a.durationMs = duration;
        Uni<Void> done = releaseHeld(a).chain(() -> outbox.add(completed(a, outcome, null, List.of(),
                a.queueWaitMs == null ? 0 : a.queueWaitMs, duration, ""))).replaceWithVoid();
        if (!again) {
            return done.replaceWith(false);
        }
        PhaseRequested retry = new PhaseRequested(request.suiteId(), request.tenant(), request.phaseRunId(),
                request.phase(), next, request.priority(), request.command(), request.tests(),
                request.timeoutSeconds(), request.requestedAt());
        return done.chain(() -> insert(retry, false));
    }

    // ---- helpers ----

    private static PhaseCompleted completed(PhaseAttempt a, Outcome o, Integer exitCode, List<TestResult> tests,
            long queueWaitMs, long durationMs, String logExcerpt) {
        return new PhaseCompleted(a.suiteId, a.tenant, a.phaseRunId, a.phase, a.attempt, o.status(),
                o.failureClass(), o.remediation(), exitCode, tests, queueWaitMs, durationMs, logExcerpt,
                Instant.now());
    }

    private static PhaseCompleted completed(PhaseRequested r, Outcome o, Integer exitCode, List<TestResult> tests,
            long queueWaitMs, long durationMs, String logExcerpt) {
        return new PhaseCompleted(r.suiteId(), r.tenant(), r.phaseRunId(), r.phase(), r.attempt(), o.status(),
                o.failureClass(), o.remediation(), exitCode, tests, queueWaitMs, durationMs, logExcerpt,
                Instant.now());
    }

    /** Runs a Hibernate Reactive unit of work on a fresh Vert.x context and waits for it (worker threads only). */
    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
