package dev.suiteflow.executor.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checks that keep a phase inside its work directory: relative paths that stay inside it (also after
 * symbolic links are resolved), arguments without NUL, and the environment allow-list.
 */
public final class Guards {

    /** Variables every command gets from the worker, when the worker has them. */
    public static final List<String> ALWAYS_PASSED = List.of("PATH", "HOME", "LANG", "JAVA_HOME");

    private Guards() {
    }

    /**
     * Resolves {@code relative} inside {@code root}.
     *
     * @throws PhaseFailure (misconfiguration) when it is absolute or leaves the root
     */
    public static Path inside(Path root, String relative, String what) {
        String value = relative == null || relative.isBlank() ? "." : relative;
        if (value.indexOf('\0') >= 0) {
            throw new PhaseFailure(Outcome.MISCONFIGURATION, what + " contains a NUL character");
        }
        Path rel = Path.of(value);
        if (rel.isAbsolute()) {
            throw new PhaseFailure(Outcome.MISCONFIGURATION,
                    what + " '" + value + "' must be relative to the workspace, not absolute");
        }
        Path base = root.toAbsolutePath().normalize();
        Path resolved = base.resolve(rel).normalize();
        if (!resolved.startsWith(base)) {
            throw new PhaseFailure(Outcome.MISCONFIGURATION, what + " '" + value + "' leaves the workspace");
        }
        if (Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Path real = resolved.toRealPath();
                if (!real.startsWith(base.toRealPath())) {
                    throw new PhaseFailure(Outcome.MISCONFIGURATION,
                            what + " '" + value + "' leaves the workspace through a symbolic link");
                }
            } catch (IOException e) {
                // a dangling link: it points nowhere, callers report it as missing
            }
        }
        return resolved;
    }

    /** Refuses an empty argument list or an argument with a NUL character (it would cut the argument short). */
    public static void checkArgs(List<String> args) {
        if (args == null || args.isEmpty() || args.get(0) == null || args.get(0).isBlank()) {
            throw new PhaseFailure(Outcome.MISCONFIGURATION,
                    "the phase has no command; give it a command in the project's manifest");
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg == null || arg.indexOf('\0') >= 0) {
                throw new PhaseFailure(Outcome.MISCONFIGURATION, "argument " + i + " of the command is "
                        + (arg == null ? "missing" : "refused: it contains a NUL character"));
            }
        }
    }

    /**
     * The environment of a command: nothing from the worker except PATH, HOME, LANG, JAVA_HOME and the names the
     * manifest passes through, then the manifest's fixed values.
     */
    public static Map<String, String> environment(Map<String, String> worker, List<String> pass,
            Map<String, String> set) {
        Map<String, String> env = new TreeMap<>();
        for (String name : ALWAYS_PASSED) {
            copy(worker, name, env);
        }
        if (pass != null) {
            pass.forEach(name -> copy(worker, name, env));
        }
        if (set != null) {
            set.forEach((name, value) -> {
                if (name != null && value != null && name.indexOf('\0') < 0 && value.indexOf('\0') < 0
                        && !name.isEmpty() && name.indexOf('=') < 0) {
                    env.put(name, value);
                }
            });
        }
        return env;
    }

    private static void copy(Map<String, String> from, String name, Map<String, String> to) {
        if (name != null && from.get(name) != null) {
            to.put(name, from.get(name));
        }
    }

    /** Finds a program on the given PATH; a name with a slash is returned as is. */
    public static java.util.Optional<Path> which(String program, String path, Path cwd) {
        if (program.contains("/")) {
            Path p = cwd.resolve(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? java.util.Optional.of(p)
                    : java.util.Optional.empty();
        }
        if (path == null) {
            return java.util.Optional.empty();
        }
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }
}
