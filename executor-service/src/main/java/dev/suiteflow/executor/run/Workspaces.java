package dev.suiteflow.executor.run;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.suiteflow.events.CommandSpec;

/**
 * Fresh work directories: a copy of a local workspace (without {@code target/}, {@code .git/},
 * {@code node_modules/}) or a shallow clone of a git workspace, and their removal.
 */
public final class Workspaces {

    /** Directory names never copied. */
    public static final Set<String> SKIPPED = Set.of("target", ".git", "node_modules");

    private Workspaces() {
    }

    /** True when the workspace names a git repository rather than a local directory. */
    public static boolean isGit(String workspace) {
        String w = workspace.strip();
        return w.startsWith("https://") || w.startsWith("http://") || w.startsWith("ssh://")
                || w.startsWith("git://") || w.startsWith("file://") || w.startsWith("git@");
    }

    /**
     * Creates {@code workRoot/name} holding the workspace.
     *
     * @param baseDir what a relative local workspace is relative to (the process's working directory)
     * @throws PhaseFailure misconfiguration (no such directory, bad ref), missing_dependency (no git) or
     *                      infrastructure (copy or clone failed)
     */
    public static Path prepare(CommandSpec spec, Path workRoot, String name, Path baseDir, Map<String, String> env,
            Duration cloneLimit) {
        String workspace = spec.workspace();
        if (workspace == null || workspace.isBlank() || workspace.indexOf('\0') >= 0) {
            throw new PhaseFailure(Outcome.MISCONFIGURATION, "the phase names no workspace; set workspace in the"
                    + " project's manifest");
        }
        Path dir = workRoot.resolve(name);
        try {
            Files.createDirectories(workRoot);
            if (Files.exists(dir)) {
                delete(dir);
            }
        } catch (IOException e) {
            throw new PhaseFailure(Outcome.INFRASTRUCTURE, "cannot create the work directory " + dir + ": "
                    + e.getMessage());
        }
        if (isGit(workspace)) {
            clone(workspace.strip(), spec.ref(), dir, env, cloneLimit);
            return dir;
        }
        Path source = baseDir.resolve(workspace).toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) {
            throw new PhaseFailure(Outcome.MISCONFIGURATION, "workspace " + workspace + " is not a directory (looked"
                    + " at " + source + "); fix workspace.path in the project's manifest");
        }
        try {
            copy(source, dir);
        } catch (IOException e) {
            throw new PhaseFailure(Outcome.INFRASTRUCTURE, "cannot copy workspace " + source + " to " + dir + ": "
                    + e);
        }
        return dir;
    }

    /** Copies a directory tree without following links, skipping {@link #SKIPPED} directories. */
    public static void copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(source) && SKIPPED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.copy(file, to, LinkOption.NOFOLLOW_LINKS);
                } else if (attrs.isRegularFile()) {
                    Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a tree; links are removed, never followed. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void clone(String url, String ref, Path dir, Map<String, String> env, Duration limit) {
        if (url.startsWith("-") || ref != null && (ref.startsWith("-") || ref.indexOf('\0') >= 0)) {
            throw new PhaseFailure(Outcome.MISCONFIGURATION, "workspace git URL or ref starts with '-'");
        }
        if (Guards.which("git", env.get("PATH"), dir.getParent()).isEmpty()) {
            throw new PhaseFailure(Outcome.MISSING_DEPENDENCY, "the workspace is a git repository but git is not"
                    + " on the worker's PATH; install git on the workers");
        }
        List<String> args = new ArrayList<>(List.of("git", "-c", "protocol.ext.allow=never", "clone", "--depth",
                "1", "--quiet"));
        if (ref != null && !ref.isBlank()) {
            args.addAll(List.of("--branch", ref));
        }
        args.addAll(List.of("--", url, dir.toString()));
        Map<String, String> gitEnv = new HashMap<>(env);
        gitEnv.put("GIT_TERMINAL_PROMPT", "0");
        String output;
        try {
            output = BuiltinChecks.runForOutput(args, dir.getParent(), gitEnv, limit);
        } catch (IOException e) {
            throw new PhaseFailure(Outcome.MISSING_DEPENDENCY, "git could not be started: " + e.getMessage());
        }
        if (output == null) {
            throw new PhaseFailure(Outcome.INFRASTRUCTURE, "git clone of " + url + " took longer than "
                    + limit.toSeconds() + " s");
        }
        if (!Files.isDirectory(dir.resolve(".git"))) {
            String text = output.strip();
            String cls = text.contains("not found") || text.contains("does not exist")
                    || text.contains("not a git repository") ? Outcome.MISCONFIGURATION : Outcome.INFRASTRUCTURE;
            throw new PhaseFailure(cls, "git clone of " + url + (ref != null ? " at " + ref : "") + " failed: "
                    + (text.length() > 500 ? text.substring(0, 500) + "…" : text));
        }
    }
}
