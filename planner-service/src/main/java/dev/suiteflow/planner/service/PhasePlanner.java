package dev.suiteflow.planner.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.suiteflow.events.CommandSpec;
import dev.suiteflow.events.ProjectManifest;
import dev.suiteflow.events.ProjectManifest.PhaseSpec;
import dev.suiteflow.events.SelectedTest;
import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.planner.history.HistoryView;
import dev.suiteflow.planner.history.Shards;
import dev.suiteflow.selector.Selection;

/**
 * Turns an accepted request and the manifest it was accepted with into an ordered plan: which phases, in which
 * groups, with which command and tests, in which order (fail-first by the test history) and on how many workers
 * (shards balanced by historical duration, where the manifest allows). Pure: no database, no clock.
 */
public final class PhasePlanner {

    /** The standard phases in plan order; custom phases follow in the manifest's order. */
    public static final List<String> STANDARD_ORDER = List.of("structure", "dependencies", "unit", "integration",
            "e2e", "performance");
    static final long BUILT_IN_TIMEOUT_SECONDS = 120;
    /** The same rule as ingest's: no spaces, quotes or shell characters, and never an option. */
    static final Pattern TEST_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.#/:+\\[\\],-]{0,255}");

    /**
     * One phase of the plan.
     *
     * @param command the phase's command for all its tests (each shard has its own)
     * @param tests   the tests passed to the command, fail-first (empty: the whole phase runs)
     * @param skipped tests of the phase's catalog that the impact selection left out (a later full run checks them)
     * @param skip    true when the change reaches none of the phase's tests: the phase does not run
     * @param shards  the runs of the phase: one, or several workers with a share of the tests each
     */
    public record Phase(String name, int order, int group, CommandSpec command, List<String> tests,
            List<SelectedTest> selection, String selectionMode, long timeoutSeconds, List<String> skipped,
            boolean skip, List<ShardPlan> shards) {
    }

    /** One run of a phase: its command with its share of the tests, and their expected seconds (null: unknown). */
    public record ShardPlan(int index, CommandSpec command, List<String> tests, Double expectedSeconds) {
    }

    private PhasePlanner() {
    }

    /** The phases of a plan, ordered; phases with the same group run at the same time. */
    public static List<Phase> plan(SuiteRequested request, ProjectManifest manifest) {
        return plan(request, manifest, Optional.empty(), HistoryView.empty());
    }

    public static List<Phase> plan(SuiteRequested request, ProjectManifest manifest, Optional<Selection> impact) {
        return plan(request, manifest, impact, HistoryView.empty());
    }

    /**
     * The phases of a plan; with an impact selection, a phase whose manifest lists its tests runs only those the
     * change can affect (and none: the phase is skipped). The history orders each phase's tests fail-first and
     * balances its shards.
     */
    public static List<Phase> plan(SuiteRequested request, ProjectManifest manifest, Optional<Selection> impact,
            HistoryView history) {
        List<String> names = order(request.kinds(), manifest);
        Map<String, Integer> groupOf = groups(names, manifest.parallel());
        List<Phase> phases = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            List<String> named = request.tests() == null ? null : request.tests().get(name);
            phases.add(phase(name, i, groupOf.get(name), named, manifest, impact, history));
        }
        return phases;
    }

    /**
     * The plan of a rerun of what failed: the given phases only, each with the tests that failed in the previous
     * revision (an empty list: the whole phase, e.g. it timed out or reported no tests).
     */
    public static List<Phase> rerunFailed(SuiteRequested request, ProjectManifest manifest,
            Map<String, List<String>> failed, int previousRevision, HistoryView history) {
        Map<String, List<String>> tests = new LinkedHashMap<>();
        failed.forEach((phase, ids) -> {
            PhaseSpec spec = manifest.phases() == null ? null : manifest.phases().get(phase);
            if (spec != null && spec.subset() != null && !ids.isEmpty()) {
                tests.put(phase, runnableIds(ids));
            }
        });
        SuiteRequested only = new SuiteRequested(request.requestId(), request.tenant(), request.project(),
                List.copyOf(failed.keySet()), request.priority(), request.failFast(), tests, null, null,
                request.requestedBy());
        String why = "failed in plan revision " + previousRevision;
        return plan(only, manifest, Optional.empty(), history).stream().map(p -> {
            List<SelectedTest> selection = p.selection().stream()
                    .map(t -> new SelectedTest(t.id(), t.score(), withFirst(why, t.reasons().stream()
                            .filter(r -> !r.equals("named in the request")).toList())))
                    .toList();
            return new Phase(p.name(), p.order(), p.group(), p.command(), p.tests(), selection,
                    p.selectionMode().equals("builtin") ? "builtin" : "rerun", p.timeoutSeconds(), p.skipped(),
                    p.skip(), p.shards());
        }).toList();
    }

    /** Test ids a subset template can take: an id the strict pattern refuses (a parameterised name) runs its class. */
    static List<String> runnableIds(List<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            String runnable = TEST_ID.matcher(id).matches() ? id : id.contains("#") ? id.substring(0, id.indexOf('#'))
                    : null;
            if (runnable != null && TEST_ID.matcher(runnable).matches() && !out.contains(runnable)) {
                out.add(runnable);
            }
        }
        return out;
    }

    private static List<String> withFirst(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        rest.stream().filter(r -> !r.equals(first)).forEach(all::add);
        return List.copyOf(all);
    }

    /** Requested kinds in plan order: the standard ones first, then custom ones as the manifest lists them. */
    static List<String> order(List<String> kinds, ProjectManifest manifest) {
        if (manifest.phases() == null || manifest.workspace() == null) {
            throw new IllegalArgumentException("The manifest of " + manifest.project() + " revision "
                    + manifest.revision() + " has no phases or no workspace");
        }
        if (kinds == null || kinds.isEmpty()) {
            throw new IllegalArgumentException("The request names no kinds of tests");
        }
        List<String> ordered = new ArrayList<>();
        for (String standard : STANDARD_ORDER) {
            if (kinds.contains(standard)) {
                ordered.add(standard);
            }
        }
        for (String declared : manifest.phases().keySet()) {
            if (kinds.contains(declared) && !ordered.contains(declared)) {
                ordered.add(declared);
            }
        }
        for (String kind : kinds) {
            boolean builtIn = kind.equals("structure") || kind.equals("dependencies");
            if (!ordered.contains(kind) || (!builtIn && !manifest.phases().containsKey(kind))) {
                throw new IllegalArgumentException("The manifest of " + manifest.project() + " revision "
                        + manifest.revision() + " has no phase '" + kind + "'");
            }
        }
        return ordered;
    }

    /**
     * Group numbers: phases of one manifest parallel group share the group of the first of them in plan order;
     * groups are numbered 0, 1, 2… in plan order.
     */
    static Map<String, Integer> groups(List<String> ordered, List<List<String>> parallel) {
        Map<String, Integer> groupOf = new LinkedHashMap<>();
        int next = 0;
        for (String name : ordered) {
            if (groupOf.containsKey(name)) {
                continue;
            }
            int group = next++;
            groupOf.put(name, group);
            if (parallel != null) {
                for (List<String> together : parallel) {
                    if (together.contains(name)) {
                        together.stream().filter(ordered::contains).forEach(other -> groupOf.putIfAbsent(other,
                                group));
                    }
                }
            }
        }
        return groupOf;
    }

    private static Phase phase(String name, int order, int group, List<String> named, ProjectManifest manifest,
            Optional<Selection> impact, HistoryView history) {
        ProjectManifest.Workspace workspace = manifest.workspace();
        String location = workspace.path() != null ? workspace.path() : workspace.git();
        ProjectManifest.EnvPolicy env = manifest.env();
        List<String> envPass = env == null || env.pass() == null ? List.of() : env.pass();
        Map<String, String> envSet = env == null || env.set() == null ? Map.of() : env.set();
        if (name.equals("structure") || name.equals("dependencies")) {
            CommandSpec spec = new CommandSpec(name, List.of(), location, workspace.ref(), ".", envSet, List.of(),
                    envPass, name.equals("structure") ? orEmpty(manifest.structure()) : orEmpty(manifest.dependencies()));
            return new Phase(name, order, group, spec, List.of(), List.of(), "builtin", BUILT_IN_TIMEOUT_SECONDS,
                    List.of(), false, List.of(new ShardPlan(1, spec, List.of(), null)));
        }
        PhaseSpec spec = manifest.phases().get(name);
        Impact chosen = named == null || named.isEmpty() ? impact(spec, impact) : null;
        List<String> tests = history.failFirst(chosen != null ? chosen.tests()
                : named == null ? List.of() : List.copyOf(named));
        for (String test : tests) {
            if (!TEST_ID.matcher(test).matches()) {
                throw new IllegalArgumentException("Test id '" + test + "' of phase " + name + " is not valid");
            }
        }
        if (!tests.isEmpty() && spec.subset() == null) {
            throw new IllegalArgumentException("Phase " + name + " of " + manifest.project()
                    + " has no subset template, so it cannot run only some tests");
        }
        List<SelectedTest> selection;
        String mode;
        if (chosen != null) {
            Map<String, SelectedTest> byId = new LinkedHashMap<>();
            chosen.selection().forEach(t -> byId.put(t.id(), t));
            selection = tests.stream().map(byId::get).toList();
            mode = "impact";
        } else if (!tests.isEmpty()) {
            selection = tests.stream().map(t -> new SelectedTest(t, 1.0, List.of("named in the request"))).toList();
            mode = "requested";
        } else {
            selection = history.failFirst(orEmpty(spec.tests())).stream()
                    .map(t -> new SelectedTest(t, 1.0, List.of("all tests of the phase run"))).toList();
            mode = "all";
        }
        selection = selection.stream().map(t -> withHistory(t, history)).toList();
        int maxShards = spec.shards() == null ? 1 : spec.shards();
        if (maxShards > 1 && tests.isEmpty() && spec.subset() != null && spec.tests() != null
                && spec.tests().size() > 1) {
            // a sharded phase that runs whole passes its catalog, split
            tests = history.failFirst(spec.tests());
        }
        long timeout = spec.timeoutSeconds() == null ? 600 : spec.timeoutSeconds();
        boolean skip = chosen != null && tests.isEmpty();
        List<ShardPlan> shards = new ArrayList<>();
        if (maxShards > 1 && tests.size() > 1) {
            List<Shards.Shard> split = Shards.split(tests, maxShards, history);
            for (int i = 0; i < split.size(); i++) {
                shards.add(new ShardPlan(i + 1, command(spec, split.get(i).tests(), manifest), split.get(i).tests(),
                        split.get(i).expectedSeconds()));
            }
        } else {
            shards.add(new ShardPlan(1, command(spec, tests, manifest), tests,
                    Shards.split(tests, 1, history).get(0).expectedSeconds()));
        }
        return new Phase(name, order, group, command(spec, tests, manifest), tests, selection, mode, timeout,
                chosen == null ? List.of() : chosen.skipped(), skip, List.copyOf(shards));
    }

    private static CommandSpec command(PhaseSpec spec, List<String> tests, ProjectManifest manifest) {
        ProjectManifest.Workspace workspace = manifest.workspace();
        String location = workspace.path() != null ? workspace.path() : workspace.git();
        ProjectManifest.EnvPolicy env = manifest.env();
        List<String> envPass = env == null || env.pass() == null ? List.of() : env.pass();
        Map<String, String> envSet = env == null || env.set() == null ? Map.of() : env.set();
        List<String> args = new ArrayList<>(spec.command());
        if (!tests.isEmpty()) {
            args.addAll(subsetArguments(spec.subset(), tests));
        }
        return new CommandSpec(null, List.copyOf(args), location, workspace.ref(),
                spec.workingDir() == null ? "." : spec.workingDir(), envSet, orEmpty(spec.reports()), envPass,
                List.of());
    }

    /** A selected test with what history adds to its reasons (last run failed, flaky, different failures). */
    private static SelectedTest withHistory(SelectedTest test, HistoryView history) {
        List<String> extra = history.reasons(test.id()).stream().filter(r -> !test.reasons().contains(r)).toList();
        if (extra.isEmpty()) {
            return test;
        }
        List<String> reasons = new ArrayList<>(test.reasons());
        reasons.addAll(extra);
        return new SelectedTest(test.id(), test.score(), List.copyOf(reasons));
    }

    /** What the impact selection means for one phase: its tests, their reasons, what it leaves out. */
    private record Impact(List<String> tests, List<SelectedTest> selection, List<String> skipped) {
    }

    /**
     * Null when the phase runs whole: no selection, a selection that chose everything, a phase without a catalog
     * of its tests in the manifest, or without a subset template to pass them.
     */
    private static Impact impact(PhaseSpec spec, Optional<Selection> impact) {
        if (impact.isEmpty() || impact.get().selectsAll() || spec.subset() == null || spec.tests() == null
                || spec.tests().isEmpty()) {
            return null;
        }
        Map<String, SelectedTest> byClass = new LinkedHashMap<>();
        for (Selection.SelectedTest selected : impact.get().selected()) {
            if (spec.tests().contains(selected.test())) {
                byClass.merge(selected.test(), new SelectedTest(selected.test(), selected.score(),
                        selected.reasons()), (a, b) -> a.score() >= b.score() ? a : b);
            }
        }
        List<String> tests = List.copyOf(byClass.keySet());
        List<String> skipped = spec.tests().stream().filter(t -> !byClass.containsKey(t)).toList();
        return new Impact(tests, List.copyOf(byClass.values()), skipped);
    }

    /** {@code {tests}}: one argument with the ids joined by commas; {@code {test}}: one argument per id. */
    static List<String> subsetArguments(String template, List<String> tests) {
        if (template.contains("{tests}")) {
            return List.of(template.replace("{tests}", String.join(",", tests)));
        }
        return tests.stream().map(t -> template.replace("{test}", t)).toList();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
