package dev.suiteflow.coverage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.suiteflow.events.AcceptanceCriterion;
import dev.suiteflow.events.CriterionCoverage;
import dev.suiteflow.events.CriterionCoverage.CoverageLink;

/**
 * Maps a story's acceptance criteria to the tests of a catalog.
 *
 * <ol>
 *   <li><b>Tags.</b> Tests tagged with the criterion's id ({@link Requirements}) cover it with confidence 1.0.
 *       Tags are authoritative: a criterion with a tagged test gets exactly its tagged tests.</li>
 *   <li><b>Similarity.</b> Otherwise the criterion's text is searched in a BM25 index of the tests
 *       ({@link SimilarityIndex}); tests at or above the threshold cover it (at most {@code maxLinks}).</li>
 *   <li><b>Gap.</b> No tagged test and none at the threshold: the criterion is a gap, with its best near misses
 *       (if asked) and 1–3 drafted scenarios ({@link ScenarioDrafter}).</li>
 * </ol>
 * Limits: at most {@link #MAX_CRITERIA} criteria per call (more is an {@link IllegalArgumentException}, as the
 * ingest service already refuses such requests); a criterion text is cut to {@link #MAX_CRITERION_TEXT}
 * characters; the catalog holds at most {@link TestCatalog#MAX_TESTS} tests. The result is in the criteria's
 * order and the same for the same input.
 */
public final class CoverageMapper {

    public static final int MAX_CRITERIA = 200;
    public static final int MAX_CRITERION_TEXT = 2_000;

    private CoverageMapper() {
    }

    public static List<CriterionCoverage> map(List<AcceptanceCriterion> criteria, TestCatalog catalog,
            CoverageOptions options) {
        if (criteria == null || criteria.isEmpty()) {
            return List.of();
        }
        if (criteria.size() > MAX_CRITERIA) {
            throw new IllegalArgumentException(criteria.size() + " criteria; at most " + MAX_CRITERIA);
        }
        Map<String, List<CoverageLink>> tagged = options.useTags() ? tagged(catalog) : Map.of();
        List<CriterionCoverage> out = new ArrayList<>(criteria.size());
        SimilarityIndex index = null;
        try {
            for (AcceptanceCriterion criterion : criteria) {
                String id = criterion.id() == null ? "" : criterion.id();
                String text = criterion.text() == null ? "" : criterion.text();
                if (text.length() > MAX_CRITERION_TEXT) {
                    text = text.substring(0, MAX_CRITERION_TEXT);
                }
                List<CoverageLink> links = tagged.getOrDefault(Requirements.key(id), List.of());
                if (!links.isEmpty()) {
                    out.add(new CriterionCoverage(id, text, links, false, List.of()));
                    continue;
                }
                if (index == null) {
                    index = new SimilarityIndex(catalog);
                }
                double floor = options.nearMisses() > 0 ? options.threshold() / 2 : options.threshold();
                List<CoverageLink> covering = new ArrayList<>();
                List<CoverageLink> near = new ArrayList<>();
                List<SimilarityIndex.Match> matches = index.search(text, floor, SimilarityIndex.CANDIDATES);
                double bar = matches.isEmpty() ? options.threshold()
                        : Math.max(options.threshold(), options.relative() * matches.get(0).confidence());
                for (SimilarityIndex.Match m : matches) {
                    if (m.confidence() >= bar) {
                        if (covering.size() < options.maxLinks()) {
                            covering.add(new CoverageLink(m.test().id(), m.confidence(), evidence(m, "")));
                        }
                    } else if (m.confidence() < options.threshold() && near.size() < options.nearMisses()) {
                        near.add(new CoverageLink(m.test().id(), m.confidence(), evidence(m,
                                "below the threshold " + options.threshold() + ": ")));
                    }
                }
                boolean gap = covering.isEmpty();
                out.add(new CriterionCoverage(id, text, gap ? List.copyOf(near) : List.copyOf(covering), gap,
                        gap ? ScenarioDrafter.draft(text) : List.of()));
            }
        } finally {
            if (index != null) {
                index.close();
            }
        }
        return List.copyOf(out);
    }

    /** The mapping and the suite's summary for a request of the given priority. */
    public static CoverageReport report(List<AcceptanceCriterion> criteria, TestCatalog catalog,
            CoverageOptions options, String priority) {
        List<CriterionCoverage> coverage = map(criteria, catalog, options);
        return new CoverageReport(coverage, Risk.summarize(coverage, priority));
    }

    /** Coverage of each criterion and the suite's summary. */
    public record CoverageReport(List<CriterionCoverage> criteria, Risk.Summary summary) {
    }

    private static Map<String, List<CoverageLink>> tagged(TestCatalog catalog) {
        Map<String, List<CoverageLink>> byId = new LinkedHashMap<>();
        for (TestCase test : catalog.tests()) {
            for (var requirement : test.requirements().entrySet()) {
                String evidence = "tagged [REQ:" + requirement.getKey() + "] in " + test.shortId()
                        + " (" + requirement.getValue() + ")";
                byId.computeIfAbsent(Requirements.key(requirement.getKey()), k -> new ArrayList<>())
                        .add(new CoverageLink(test.id(), 1.0, evidence));
            }
        }
        return byId;
    }

    private static String evidence(SimilarityIndex.Match m, String prefix) {
        String fields = m.fields().isEmpty() ? "" : " in " + joinAnd(m.fields());
        return prefix + "text similarity " + m.confidence() + "; matched: " + String.join(", ", m.terms()) + fields;
    }

    private static String joinAnd(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
