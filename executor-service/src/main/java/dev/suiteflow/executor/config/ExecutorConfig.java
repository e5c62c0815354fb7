package dev.suiteflow.executor.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The executor's settings ({@code suiteflow.executor.*}, or {@code SUITEFLOW_EXECUTOR_*} variables). */
@ConfigMapping(prefix = "suiteflow.executor")
public interface ExecutorConfig {

    /** Worker threads of this process: attempts that run at the same time. */
    @WithDefault("4")
    int workers();

    /** Attempts of one tenant that may run at the same time, across all executor replicas. */
    @WithDefault("4")
    int tenantPermits();

    /** How often a running attempt sends PhaseHeartbeat and extends its lease. */
    @WithDefault("5s")
    Duration heartbeat();

    /** How long a lease lasts without a heartbeat; an attempt whose lease expired runs again as attempt + 1. */
    @WithDefault("30s")
    Duration lease();

    /** How often expired leases are looked for (also once at start-up). */
    @WithDefault("10s")
    Duration leaseCheck();

    /** Safety-net poll of the queue by idle workers (an insert wakes them at once; this catches other replicas). */
    @WithDefault("2s")
    Duration pollInterval();

    /** Attempts a phase run gets when workers die under it; the last one is not re-queued. */
    @WithDefault("3")
    int maxAttempts();

    /** Where work directories are created, one per attempt. */
    @WithDefault("${java.io.tmpdir}/suiteflow-work")
    String workRoot();

    /** Keep work directories after the attempt (for debugging). */
    @WithDefault("false")
    boolean keepWorkDirs();

    /** What relative local workspaces are relative to (default: the process's working directory). */
    Optional<String> baseDir();

    /** Size limit of one JUnit XML report, in bytes. */
    @WithDefault("16777216")
    long maxReportBytes();

    /** A log batch is published when it holds this many lines... */
    @WithDefault("100")
    int logBatchLines();

    /** ...or when its first line is this old. */
    @WithDefault("200ms")
    Duration logBatchDelay();

    /** Time limit of a dependency check's version command. */
    @WithDefault("10s")
    Duration versionTimeout();

    /** Time limit of a dependency check's TCP connect. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Time limit of a git clone of a workspace. */
    @WithDefault("5m")
    Duration cloneTimeout();
}
