package dev.suiteflow.planner.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.suiteflow.events.CriterionCoverage;
import dev.suiteflow.events.ProjectManifest;
import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.planner.history.HistoryView;
import dev.suiteflow.selector.Selection;
import io.quarkus.logging.Log;

/**
 * What a plan needs from the project's workspace: the impact selection, the acceptance-criteria coverage and the
 * code revision (for flakiness). Reading sources and running git block, so {@link SuiteLifecycle} computes this
 * on a worker thread, never on the consumer's event loop. A failure of one part never stops the plan: coverage and
 * the revision are then left out, and an impact selection that fails is reported by the caller.
 */
record PlanInputs(Optional<Selection> impact, List<CriterionCoverage> coverage, String codeRevision) {

    static PlanInputs compute(String suiteId, SuiteRequested request, ProjectManifest manifest, HistoryView history,
            boolean withImpact) {
        Optional<Selection> impact = withImpact ? ImpactSelection.of(request, manifest, history) : Optional.empty();
        List<CriterionCoverage> coverage;
        try {
            coverage = CriteriaCoverage.of(request, manifest);
        } catch (RuntimeException e) {
            Log.errorf(e, "Coverage of suite %s could not be computed; planning without it", suiteId);
            coverage = List.of();
        }
        return new PlanInputs(impact, coverage, codeRevision(manifest));
    }

    /** The workspace's git commit when the workspace is a clean checkout (else null: flakiness is not judged). */
    static String codeRevision(ProjectManifest manifest) {
        String path = manifest.workspace() == null ? null : manifest.workspace().path();
        if (path == null || !Files.isDirectory(Path.of(path))) {
            return null;
        }
        String head = git(Path.of(path), "rev-parse", "--verify", "-q", "HEAD");
        if (head == null || head.isBlank()) {
            return null;
        }
        String changes = git(Path.of(path), "status", "--porcelain", "--untracked-files=no", "--", ".");
        return changes != null && changes.isBlank() ? head.strip() : null;
    }

    private static String git(Path dir, String... args) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? new String(out) : null;
        } catch (java.io.IOException e) {
            return null; // no git here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
