package dev.suiteflow.events;

import java.util.List;
import java.util.Map;

/**
 * A project's registered manifest: what Suiteflow may run for it, and nothing else. Requests choose phases and
 * tests; commands only ever come from here. Ingest validates and stores it (from files at start-up or from
 * {@code PUT /api/projects/{id}}); SuiteAccepted carries the revision a suite was accepted with, so the planner
 * plans exactly that.
 *
 * @param revision     increases with every change of the manifest; a suite records the revision it ran with
 * @param workspace    where the project's files are; copied per run into an isolated work directory
 * @param structure    built-in phase {@code structure}: paths that must exist (checks of kind file or directory)
 * @param dependencies built-in phase {@code dependencies}: tools and services the phases need (kind command or
 *                     service)
 * @param env          environment the commands see
 * @param phases       the phases that run a command, by name (unit, integration, e2e, performance or custom)
 * @param parallel     groups of phases that may run at the same time, e.g. [[integration, e2e]]
 */
public record ProjectManifest(
        String project,
        String tenant,
        int revision,
        String description,
        Workspace workspace,
        List<Check> structure,
        List<Check> dependencies,
        EnvPolicy env,
        Map<String, PhaseSpec> phases,
        List<List<String>> parallel) {

    /**
     * Where the project lives: a local directory ({@code path}, relative to the Suiteflow installation or
     * absolute) or a git repository ({@code git} URL and {@code ref}).
     */
    public record Workspace(String path, String git, String ref) {
    }

    /**
     * The environment of a phase's command: the variables passed through from the worker ({@code pass}, names
     * only; PATH, HOME, LANG and JAVA_HOME always are) and fixed values ({@code set}).
     */
    public record EnvPolicy(List<String> pass, Map<String, String> set) {
    }

    /**
     * One phase that runs a command.
     *
     * @param command        the argument list, never a shell string
     * @param workingDir     directory inside the workspace to run in ({@code .} by default)
     * @param timeoutSeconds time limit of one attempt
     * @param reports        JUnit-XML report globs, relative to the working directory
     * @param subset         how to run only some tests: one argument template with {@code {tests}} (ids joined
     *                       with commas, e.g. {@code -Dtest={tests}}) or {@code {test}} (the template repeated,
     *                       one argument per test)
     * @param tests          the phase's known tests (optional catalog; selection may also find them in sources)
     * @param shards         at most this many workers may run the phase's tests at once, each a share balanced by
     *                       the tests' historical durations (needs {@code subset}; null or 1: one worker)
     */
    public record PhaseSpec(
            List<String> command,
            String workingDir,
            Long timeoutSeconds,
            List<String> reports,
            String subset,
            List<String> tests,
            Integer shards) {

        public PhaseSpec(List<String> command, String workingDir, Long timeoutSeconds, List<String> reports,
                String subset, List<String> tests) {
            this(command, workingDir, timeoutSeconds, reports, subset, tests, null);
        }
    }
}
