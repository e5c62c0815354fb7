package dev.suiteflow.planner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of planner-service, keys under {@code suiteflow.planner}. */
@ConfigMapping(prefix = "suiteflow.planner")
public interface PlannerConfig {

    /** Suites running at the same time; planned suites beyond it wait in the queue, by priority then age. */
    @WithDefault("20")
    int maxRunningSuites();

    /** Attempts of a phase whose worker failed it with class infrastructure (a lost worker), before it errors. */
    @WithDefault("3")
    int maxAttempts();

    /** How long a suite waits for an approval decision when its request does not say (seconds; 24 h). */
    @WithDefault("86400")
    long approvalTimeoutSeconds();

    /** How often suites past their approval deadline are looked for (read by the scheduler). */
    @WithDefault("5s")
    String approvalCheck();
}
