package dev.suiteflow.planner.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.suiteflow.events.Change;
import dev.suiteflow.events.ProjectManifest;
import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.selector.Selection;
import dev.suiteflow.selector.SelectionRequest;
import dev.suiteflow.selector.Selector;
import dev.suiteflow.selector.TestHistory;
import io.quarkus.logging.Log;

/**
 * The tests a request's change can affect, from the workspace's sources (module selector): used by the plan when
 * the request names changed files or a git range and the workspace is a local directory.
 */
final class ImpactSelection {

    /** One selector for the process: it keeps each workspace's index warm between plans. */
    private static final Selector SELECTOR = new Selector();

    private ImpactSelection() {
    }

    static Optional<Selection> of(SuiteRequested request, ProjectManifest manifest) {
        return of(request, manifest, TestHistory.none());
    }

    /**
     * The selection in the request's mode: safe (everything the change can affect) or budget (the top of the ranking
     * within a share of the catalog or a number of seconds by the history's durations). Blocking: reads the workspace.
     */
    static Optional<Selection> of(SuiteRequested request, ProjectManifest manifest, TestHistory history) {
        Change change = request.change();
        boolean hasFiles = change != null && change.files() != null && !change.files().isEmpty();
        boolean hasRange = change != null && change.range() != null;
        if (!hasFiles && !hasRange) {
            return Optional.empty();
        }
        String path = manifest.workspace() == null ? null : manifest.workspace().path();
        if (path == null || !Files.isDirectory(Path.of(path))) {
            Log.warnf("No impact selection for project %s: its workspace %s is not a local directory here; every"
                    + " test runs", manifest.project(), path);
            return Optional.empty();
        }
        long start = System.nanoTime();
        boolean budget = "budget".equals(change.mode()) && change.budget() != null;
        Selection selection = SELECTOR.plan(new SelectionRequest(Path.of(path),
                hasFiles ? change.files() : List.of(), change.range(),
                budget ? SelectionRequest.Mode.BUDGET : SelectionRequest.Mode.SAFE,
                budget ? SelectionRequest.Budget.parse(change.budget()) : null, List.of(), history));
        Log.infof("Impact selection for %s: %d of %d test classes (%s) in %d ms", manifest.project(),
                selection.selected().size(), selection.catalog().testClasses(), selection.why(),
                (System.nanoTime() - start) / 1_000_000);
        return Optional.of(selection);
    }
}
