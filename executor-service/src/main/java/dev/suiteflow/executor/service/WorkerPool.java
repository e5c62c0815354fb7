package dev.suiteflow.executor.service;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import dev.suiteflow.executor.config.ExecutorConfig;
import dev.suiteflow.executor.run.CancelToken;
import dev.suiteflow.executor.run.Outcome;
import dev.suiteflow.executor.run.PhaseRunner;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The workers of this process: {@code suiteflow.executor.workers} threads that claim queued attempts from the
 * database, run them with a {@link PhaseRunner} and finish them. An idle worker sleeps until {@link #wake()} (called
 * right after a request commits, or a permit frees up) or the slow safety-net poll. Timers send heartbeats for the
 * running attempts (extending their leases, noticing cancellations from other replicas) and re-queue attempts whose
 * lease expired.
 */
@ApplicationScoped
public class WorkerPool {

    private static final long RECENT_CANCEL_MS = Duration.ofMinutes(10).toMillis();

    /** An attempt running in this process. */
    public record Running(Claimed claimed, CancelToken token, String worker, long startedNanos) {
    }

    private final AttemptService attempts;
    private final ExecutorConfig config;
    private final ExecutorMetrics metrics;
    private final WakeSignal signal = new WakeSignal();
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Long> recentlyCancelled = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final String identity;
    private volatile boolean stopping;
    private ScheduledExecutorService timers;
    private PhaseRunner runner;

    public WorkerPool(AttemptService attempts, ExecutorConfig config, ExecutorMetrics metrics) {
        this.attempts = attempts;
        this.config = config;
        this.metrics = metrics;
        this.identity = hostname() + "/" + ProcessHandle.current().pid();
    }

    void start(@Observes StartupEvent event) {
        Path base = config.baseDir().map(Path::of).orElse(Path.of("")).toAbsolutePath().normalize();
        runner = new PhaseRunner(new PhaseRunner.Settings(Path.of(config.workRoot()), config.keepWorkDirs(), base,
                System.getenv(), config.maxReportBytes(), config.logBatchLines(), config.logBatchDelay().toMillis(),
                config.versionTimeout(), config.connectTimeout(), config.cloneTimeout()));
        timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "executor-timers");
            t.setDaemon(true);
            return t;
        });
        timers.execute(this::recoverExpired);
        timers.scheduleWithFixedDelay(this::recoverExpired, config.leaseCheck().toMillis(),
                config.leaseCheck().toMillis(), TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::heartbeats, config.heartbeat().toMillis(), config.heartbeat().toMillis(),
                TimeUnit.MILLISECONDS);
        for (int i = 0; i < config.workers(); i++) {
            Thread t = new Thread(this::loop, "executor-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Log.infof("Executor %s: %d workers, %d permits per tenant, work root %s, workspaces relative to %s",
                identity, config.workers(), config.tenantPermits(), config.workRoot(), base);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        signal.wake();
        // Leave nothing running; the leases of these attempts expire and they run again (attempt + 1).
        running.values().forEach(r -> r.token().abandon());
        if (timers != null) {
            timers.shutdownNow();
        }
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Work may be waiting: idle workers look at once. */
    public void wake() {
        signal.wake();
    }

    /** Kills the attempts of the suite running in this process; they finish as cancelled. */
    public void cancelSuite(String suiteId) {
        long now = System.currentTimeMillis();
        recentlyCancelled.put(suiteId, now);
        recentlyCancelled.values().removeIf(at -> now - at > RECENT_CANCEL_MS);
        running.values().stream().filter(r -> r.claimed().request().suiteId().equals(suiteId))
                .forEach(r -> {
                    Log.infof("Stopping attempt %d of %s: suite %s cancelled", r.claimed().request().attempt(),
                            r.claimed().request().phaseRunId(), suiteId);
                    r.token().cancel();
                });
    }

    /** The attempts running in this process. */
    public Map<UUID, Running> running() {
        return Map.copyOf(running);
    }

    private void loop() {
        String worker = identity + "/" + Thread.currentThread().getName();
        while (!stopping) {
            long seen = signal.generation();
            Claimed claimed;
            try {
                claimed = attempts.claim(worker);
            } catch (AttemptService.PermitRace race) {
                continue;
            } catch (RuntimeException e) {
                if (stopping) {
                    break;
                }
                Log.warnf("Worker %s could not look at the queue (%s); trying again", worker, e.getMessage());
                pause(seen);
                continue;
            }
            if (claimed == null) {
                pause(seen);
                continue;
            }
            // Idle workers may have skipped rows this claim had locked: let them look again.
            signal.wake();
            execute(claimed, worker);
        }
    }

    private void pause(long seen) {
        try {
            signal.await(seen, config.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    void execute(Claimed claimed, String worker) {
        var request = claimed.request();
        CancelToken token = new CancelToken();
        running.put(claimed.id(), new Running(claimed, token, worker, System.nanoTime()));
        if (recentlyCancelled.containsKey(request.suiteId())) {
            token.cancel();
        }
        MDC.put("suiteId", request.suiteId());
        MDC.put("tenant", request.tenant());
        MDC.put("phaseRunId", request.phaseRunId());
        metrics.started(claimed.queueWaitMs());
        boolean released = false;
        String status = Outcome.ERRORED;
        String failureClass = Outcome.INFRASTRUCTURE;
        long durationMs = 0;
        try {
            Log.infof("Running phase %s attempt %d (waited %d ms in the queue)", request.phase(), request.attempt(),
                    claimed.queueWaitMs());
            PhaseRunner.Result result = runner.run(request, token, batch -> {
                try {
                    attempts.log(claimed, batch);
                } catch (RuntimeException e) {
                    Log.warnf("A log batch of %s was lost: %s", request.phaseRunId(), e.getMessage());
                }
            });
            status = result.outcome().status();
            failureClass = result.outcome().failureClass();
            durationMs = result.durationMs();
            // Finished running: no more heartbeats (one racing the completion would find the row finished).
            running.remove(claimed.id());
            if (token.abandoned()) {
                Log.infof("Attempt %d of %s abandoned; its lease will expire and it runs again", request.attempt(),
                        request.phaseRunId());
            } else {
                released = attempts.complete(claimed, worker, result);
                Log.infof("Phase %s attempt %d %s%s in %d ms", request.phase(), request.attempt(), status,
                        failureClass == null ? "" : " (" + failureClass + ")", durationMs);
            }
        } catch (RuntimeException | Error e) {
            Log.errorf(e, "Attempt %d of %s could not be finished", request.attempt(), request.phaseRunId());
            if (!token.abandoned()) {
                try {
                    released = attempts.complete(claimed, worker, new PhaseRunner.Result(Outcome.failure(
                            Outcome.INFRASTRUCTURE, "the executor failed while finishing the phase: " + e), null,
                            List.of(), durationMs, "", null));
                } catch (RuntimeException again) {
                    Log.warnf("Attempt %d of %s stays running until its lease expires: %s", request.attempt(),
                            request.phaseRunId(), again.getMessage());
                }
            }
        } finally {
            running.remove(claimed.id());
            if (!released) {
                try {
                    attempts.releasePermit(claimed.id());
                } catch (RuntimeException e) {
                    Log.warnf("The permit of attempt %s is released when its lease expires: %s", claimed.id(),
                            e.getMessage());
                }
            }
            metrics.finished(status, failureClass, durationMs);
            MDC.remove("suiteId");
            MDC.remove("tenant");
            MDC.remove("phaseRunId");
            signal.wake();
        }
    }

    private void heartbeats() {
        for (Running r : running.values()) {
            try {
                long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - r.startedNanos());
                AttemptService.Heartbeat beat = attempts.heartbeat(r.claimed(), r.worker(), elapsed);
                if (beat == AttemptService.Heartbeat.CANCEL) {
                    r.token().cancel();
                } else if (beat == AttemptService.Heartbeat.LOST) {
                    Log.warnf("Attempt %d of %s is no longer ours; stopping it", r.claimed().request().attempt(),
                            r.claimed().request().phaseRunId());
                    r.token().abandon();
                }
            } catch (RuntimeException e) {
                Log.warnf("Heartbeat of %s failed: %s", r.claimed().request().phaseRunId(), e.getMessage());
            }
        }
    }

    /** Re-queues attempts whose lease expired; public for tests and operations. */
    public int recoverExpired() {
        if (stopping) {
            return 0;
        }
        try {
            int requeued = attempts.recoverExpired();
            if (requeued > 0) {
                signal.wake();
            }
            return requeued;
        } catch (RuntimeException e) {
            Log.warnf("Could not look for expired leases: %s", e.getMessage());
            return 0;
        }
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
