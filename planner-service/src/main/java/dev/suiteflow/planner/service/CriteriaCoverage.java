package dev.suiteflow.planner.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.suiteflow.coverage.CatalogScanner;
import dev.suiteflow.coverage.CoverageMapper;
import dev.suiteflow.coverage.CoverageOptions;
import dev.suiteflow.coverage.TestCatalog;
import dev.suiteflow.events.AcceptanceCriterion;
import dev.suiteflow.events.CriterionCoverage;
import dev.suiteflow.events.ProjectManifest;
import dev.suiteflow.events.SuiteRequested;
import io.quarkus.logging.Log;

/**
 * The acceptance-criteria coverage of a plan: the request's criteria mapped to the workspace's tests ([REQ:ID]
 * tags, then text similarity), with the gaps and the scenarios proposed for them. Runs on the local workspace
 * (a path); a git workspace or a missing directory gives no coverage, said in the log.
 */
final class CriteriaCoverage {

    private CriteriaCoverage() {
    }

    static List<CriterionCoverage> of(SuiteRequested request, ProjectManifest manifest) {
        List<AcceptanceCriterion> criteria = request.change() == null ? null : request.change().criteria();
        if (criteria == null || criteria.isEmpty()) {
            return List.of();
        }
        String path = manifest.workspace() == null ? null : manifest.workspace().path();
        if (path == null || !Files.isDirectory(Path.of(path))) {
            Log.warnf("No coverage for %d criteria of project %s: its workspace %s is not a local directory here",
                    criteria.size(), manifest.project(), path);
            return List.of();
        }
        Map<String, String> phaseOf = new HashMap<>();
        manifest.phases().forEach((phase, spec) -> {
            if (spec.tests() != null) {
                spec.tests().forEach(test -> phaseOf.put(test, phase));
            }
        });
        TestCatalog catalog = CatalogScanner.scan(Path.of(path), phaseOf);
        List<CriterionCoverage> coverage = CoverageMapper.map(criteria, catalog, CoverageOptions.defaults());
        Log.infof("Coverage of %d criteria: %d covered, %d gap(s)", coverage.size(),
                coverage.stream().filter(c -> !c.gap()).count(), coverage.stream().filter(CriterionCoverage::gap)
                        .count());
        return coverage;
    }
}
