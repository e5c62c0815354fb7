package dev.suiteflow.ingest.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.suiteflow.events.Check;
import dev.suiteflow.events.FieldError;
import dev.suiteflow.events.ProjectManifest;
import dev.suiteflow.events.ProjectManifest.PhaseSpec;

/**
 * The rules of a project manifest (docs/manifests.md): every problem at once as a field error; a valid manifest
 * comes back with its defaults filled in.
 */
public final class ManifestValidator {

    public static final long DEFAULT_TIMEOUT_SECONDS = 600;
    static final long MAX_TIMEOUT_SECONDS = 86_400;
    static final int MAX_PHASES = 30;
    static final int MAX_ARGS = 100;
    static final int MAX_ARG_LENGTH = 4_096;
    static final int MAX_CHECKS = 200;
    static final int MAX_CATALOG = 20_000;
    static final int MAX_SHARDS = 16;
    static final int MAX_TEXT = 2_000;
    static final Pattern PHASE = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.-]{1,253}:(\\d{1,5})");
    static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+){0,5}");
    static final Pattern GIT_URL = Pattern.compile("(https://|ssh://|git@|file://)[^\\s]{1,1000}");

    /** Either the normalised manifest or the errors. */
    public record Result(ProjectManifest manifest, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private ManifestValidator() {
    }

    /**
     * @param manifest the manifest as read
     * @param tenant   the tenant registering it: the manifest's tenant must be this one (null: any, for files)
     * @param project  the project id of the URL, when registered over REST: must match (null for files)
     */
    public static Result validate(ProjectManifest manifest, String tenant, String project) {
        List<FieldError> errors = new ArrayList<>();
        if (manifest == null) {
            return new Result(null, List.of(new FieldError("body", "is required: send the manifest as YAML or JSON")));
        }
        if (manifest.project() == null || !RequestValidator.PROJECT.matcher(manifest.project()).matches()) {
            errors.add(new FieldError("project", "is required: lower-case letters, digits and . _ - (at most 63)"));
        } else if (project != null && !project.equals(manifest.project())) {
            errors.add(new FieldError("project", "is '" + manifest.project() + "' but the URL names '" + project
                    + "'"));
        }
        if (manifest.tenant() == null || !RequestValidator.TENANT.matcher(manifest.tenant()).matches()) {
            errors.add(new FieldError("tenant", "is required: lower-case letters, digits and - (at most 63)"));
        } else if (tenant != null && !tenant.equals(manifest.tenant())) {
            errors.add(new FieldError("tenant", "is '" + manifest.tenant() + "' but your key belongs to tenant '"
                    + tenant + "': you can only register your own tenant's projects"));
        }
        if (manifest.revision() < 1) {
            errors.add(new FieldError("revision", "is required: a positive integer, raised with every change"));
        }
        if (manifest.description() != null && manifest.description().length() > MAX_TEXT) {
            errors.add(new FieldError("description", "has more than " + MAX_TEXT + " characters"));
        }
        checkWorkspace(errors, manifest.workspace());
        checkChecks(errors, "structure", manifest.structure(), Set.of("file", "directory"));
        checkChecks(errors, "dependencies", manifest.dependencies(), Set.of("command", "service"));
        checkEnv(errors, manifest.env());
        Map<String, PhaseSpec> phases = checkPhases(errors, manifest.phases());
        checkParallel(errors, manifest.parallel(), manifest.phases() == null ? Set.of() : manifest.phases().keySet());
        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors));
        }
        return new Result(new ProjectManifest(manifest.project(), manifest.tenant(), manifest.revision(),
                manifest.description(), manifest.workspace(), listOrEmpty(manifest.structure()),
                listOrEmpty(manifest.dependencies()),
                manifest.env() == null ? new ProjectManifest.EnvPolicy(List.of(), Map.of()) : manifest.env(),
                phases, listOrEmpty(manifest.parallel())), List.of());
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static void checkWorkspace(List<FieldError> errors, ProjectManifest.Workspace workspace) {
        if (workspace == null || (blank(workspace.path()) && blank(workspace.git()))) {
            errors.add(new FieldError("workspace", "is required: give path (a local directory) or git (a URL)"));
            return;
        }
        if (!blank(workspace.path()) && !blank(workspace.git())) {
            errors.add(new FieldError("workspace", "give either path or git, not both"));
        }
        if (!blank(workspace.path()) && (workspace.path().length() > 1_024 || workspace.path().contains("\0"))) {
            errors.add(new FieldError("workspace.path", "must be a directory path of at most 1024 characters"));
        }
        if (!blank(workspace.git()) && !GIT_URL.matcher(workspace.git()).matches()) {
            errors.add(new FieldError("workspace.git", "must be an https://, ssh://, git@ or file:// URL"));
        }
        if (workspace.ref() != null && !RequestValidator.GIT_REF.matcher(workspace.ref()).matches()) {
            errors.add(new FieldError("workspace.ref", "must be a branch, tag or commit"));
        }
    }

    private static void checkChecks(List<FieldError> errors, String field, List<Check> checks, Set<String> kinds) {
        if (checks == null) {
            return;
        }
        if (checks.size() > MAX_CHECKS) {
            errors.add(new FieldError(field, "has " + checks.size() + " entries; at most " + MAX_CHECKS));
            return;
        }
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            String at = field + "[" + i + "]";
            if (check == null) {
                errors.add(new FieldError(at, "must be an object with kind and target"));
                continue;
            }
            if (check.kind() == null || !kinds.contains(check.kind())) {
                errors.add(new FieldError(at + ".kind", "must be one of " + String.join(", ", kinds.stream()
                        .sorted().toList()) + " (got '" + check.kind() + "')"));
                continue;
            }
            String target = check.target();
            if (blank(target) || target.length() > 1_024) {
                errors.add(new FieldError(at + ".target", "is required (at most 1024 characters)"));
                continue;
            }
            switch (check.kind()) {
                case "file", "directory" -> {
                    String problem = relativePathProblem(target);
                    if (problem != null) {
                        errors.add(new FieldError(at + ".target", problem));
                    }
                }
                case "command" -> {
                    if (target.contains("/") || target.contains("\\") || !target.matches("[A-Za-z0-9._+-]+")) {
                        errors.add(new FieldError(at + ".target", "must be a program name found on PATH (got '"
                                + target + "')"));
                    }
                }
                default -> {
                    var m = HOST_PORT.matcher(target);
                    if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 65_535) {
                        errors.add(new FieldError(at + ".target", "must be host:port (got '" + target + "')"));
                    }
                }
            }
            if (check.minVersion() != null && !VERSION.matcher(check.minVersion()).matches()) {
                errors.add(new FieldError(at + ".minVersion", "must be numbers separated by dots, e.g. 17 or 3.6.3"));
            }
            if (check.versionArgs() != null && (check.versionArgs().size() > 5
                    || check.versionArgs().stream().anyMatch(a -> a == null || a.length() > 100))) {
                errors.add(new FieldError(at + ".versionArgs", "at most 5 arguments of at most 100 characters"));
            }
            if (check.hint() != null && check.hint().length() > MAX_TEXT) {
                errors.add(new FieldError(at + ".hint", "has more than " + MAX_TEXT + " characters"));
            }
        }
    }

    private static void checkEnv(List<FieldError> errors, ProjectManifest.EnvPolicy env) {
        if (env == null) {
            return;
        }
        List<String> pass = listOrEmpty(env.pass());
        for (int i = 0; i < pass.size(); i++) {
            if (pass.get(i) == null || !ENV_NAME.matcher(pass.get(i)).matches()) {
                errors.add(new FieldError("env.pass[" + i + "]", "must be a variable name"));
            }
        }
        if (env.set() != null) {
            env.set().forEach((name, value) -> {
                if (!ENV_NAME.matcher(name).matches()) {
                    errors.add(new FieldError("env.set." + name, "is not a variable name"));
                } else if (value == null || value.length() > MAX_ARG_LENGTH || value.contains("\0")) {
                    errors.add(new FieldError("env.set." + name, "must be a value of at most " + MAX_ARG_LENGTH
                            + " characters"));
                }
            });
        }
    }

    private static Map<String, PhaseSpec> checkPhases(List<FieldError> errors, Map<String, PhaseSpec> phases) {
        Map<String, PhaseSpec> result = new LinkedHashMap<>();
        if (phases == null || phases.isEmpty()) {
            errors.add(new FieldError("phases", "is required: at least one phase with a command"));
            return result;
        }
        if (phases.size() > MAX_PHASES) {
            errors.add(new FieldError("phases", "has " + phases.size() + " phases; at most " + MAX_PHASES));
            return result;
        }
        for (Map.Entry<String, PhaseSpec> entry : phases.entrySet()) {
            String name = entry.getKey();
            String at = "phases." + name;
            if (!PHASE.matcher(name).matches()) {
                errors.add(new FieldError(at, "is not a phase name: lower-case letters, digits, _ and -"));
                continue;
            }
            if (RequestValidator.BUILT_IN_KINDS.contains(name)) {
                errors.add(new FieldError(at, "'" + name + "' is built in and runs no command: declare its checks"
                        + " under the top-level '" + name + "' key"));
                continue;
            }
            PhaseSpec phase = entry.getValue();
            if (phase == null) {
                errors.add(new FieldError(at + ".command", "is required"));
                continue;
            }
            int before = errors.size();
            List<String> command = phase.command();
            if (command == null || command.isEmpty() || command.size() > MAX_ARGS) {
                errors.add(new FieldError(at + ".command", "is required: a list of 1 to " + MAX_ARGS
                        + " arguments (never a shell string)"));
            } else {
                for (int i = 0; i < command.size(); i++) {
                    String arg = command.get(i);
                    if (arg == null || arg.length() > MAX_ARG_LENGTH || arg.contains("\0")) {
                        errors.add(new FieldError(at + ".command[" + i + "]", "must be text of at most "
                                + MAX_ARG_LENGTH + " characters"));
                    }
                }
                String program = command.get(0);
                if (program != null && (program.isBlank() || program.startsWith("-") || program.contains(" "))) {
                    errors.add(new FieldError(at + ".command[0]", "must be a program (name or path), not '"
                            + program + "': a command is an argument list, e.g. [mvn, -B, test]"));
                }
            }
            String workingDir = phase.workingDir() == null ? "." : phase.workingDir();
            String problem = ".".equals(workingDir) ? null : relativePathProblem(workingDir);
            if (problem != null) {
                errors.add(new FieldError(at + ".workingDir", problem));
            }
            long timeout = phase.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : phase.timeoutSeconds();
            if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
                errors.add(new FieldError(at + ".timeoutSeconds", "must be between 1 and " + MAX_TIMEOUT_SECONDS));
            }
            List<String> reports = listOrEmpty(phase.reports());
            for (int i = 0; i < reports.size(); i++) {
                String glob = reports.get(i);
                String globProblem = glob == null ? "is required" : relativePathProblem(glob);
                if (globProblem != null) {
                    errors.add(new FieldError(at + ".reports[" + i + "]", globProblem));
                }
            }
            String subset = phase.subset();
            if (subset != null) {
                int all = count(subset, "{tests}");
                int each = count(subset, "{test}");
                if (all + each != 1 || subset.length() > 200) {
                    errors.add(new FieldError(at + ".subset", "must contain exactly one of {tests} or {test}, e.g."
                            + " -Dtest={tests}"));
                }
            }
            List<String> tests = listOrEmpty(phase.tests());
            if (tests.size() > MAX_CATALOG) {
                errors.add(new FieldError(at + ".tests", "has " + tests.size() + " entries; at most " + MAX_CATALOG));
            } else {
                for (int i = 0; i < tests.size(); i++) {
                    if (tests.get(i) == null || !RequestValidator.TEST_ID.matcher(tests.get(i)).matches()) {
                        errors.add(new FieldError(at + ".tests[" + i + "]", "is not a valid test id"));
                    }
                }
            }
            Integer shards = phase.shards();
            if (shards != null && (shards < 1 || shards > MAX_SHARDS)) {
                errors.add(new FieldError(at + ".shards", "must be between 1 and " + MAX_SHARDS));
            } else if (shards != null && shards > 1 && subset == null) {
                errors.add(new FieldError(at + ".shards", "needs a subset template: each shard runs its share of"
                        + " the tests through it, e.g. subset: -Dtest={tests}"));
            }
            if (errors.size() == before) {
                result.put(name, new PhaseSpec(List.copyOf(command), workingDir, timeout, List.copyOf(reports),
                        subset, List.copyOf(tests), shards == null || shards == 1 ? null : shards));
            }
        }
        return result;
    }

    private static void checkParallel(List<FieldError> errors, List<List<String>> parallel, Set<String> phases) {
        if (parallel == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int g = 0; g < parallel.size(); g++) {
            List<String> group = parallel.get(g);
            if (group == null || group.size() < 2) {
                errors.add(new FieldError("parallel[" + g + "]", "must name at least two phases"));
                continue;
            }
            for (int i = 0; i < group.size(); i++) {
                String phase = group.get(i);
                String at = "parallel[" + g + "][" + i + "]";
                if (phase == null || !(phases.contains(phase) || RequestValidator.BUILT_IN_KINDS.contains(phase))) {
                    errors.add(new FieldError(at, "'" + phase + "' is not a phase of this manifest"));
                } else if (!seen.add(phase)) {
                    errors.add(new FieldError(at, "'" + phase + "' is in more than one place"));
                }
            }
        }
    }

    /** Null when the path is relative and stays inside the workspace. */
    static String relativePathProblem(String path) {
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            return "'" + path + "' must be relative to the workspace, not absolute";
        }
        for (String segment : path.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return "'" + path + "' leaves the workspace (..)";
            }
        }
        if (path.chars().anyMatch(c -> c < 0x20) || path.length() > 1_024) {
            return "must be a path of at most 1024 characters without control characters";
        }
        return null;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
