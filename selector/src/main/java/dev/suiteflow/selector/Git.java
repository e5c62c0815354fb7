package dev.suiteflow.selector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The few git commands the selector runs, always as an argument list in the workspace. */
public final class Git {

    private static final Pattern RANGE = Pattern.compile("[\\w./@^~{}:+-]+\\.\\.\\.?[\\w./@^~{}:+-]+");
    /** A commit line of {@code --format=%H%x09%P}: its hash, a tab, its parents (none for a root commit). */
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}(?:[0-9a-f]{24})?\t(.*)");

    record Result(int exit, String out, String err) {
    }

    private Git() {
    }

    static boolean isRepo(Path ws) {
        Result r = run(ws, List.of("git", "rev-parse", "--is-inside-work-tree"));
        return r.exit() == 0 && r.out().trim().equals("true");
    }

    /** The commit checked out, or null (not a git checkout, or no commit yet). */
    public static String head(Path ws) {
        Result r = run(ws, List.of("git", "rev-parse", "--verify", "-q", "HEAD"));
        return r.exit() == 0 ? r.out().trim() : null;
    }

    /** Tracked files with changes not committed ({@code git status --porcelain}, untracked files left out). */
    public static List<String> uncommitted(Path ws) {
        Result r = run(ws, List.of("git", "status", "--porcelain", "--untracked-files=no", "--", "."));
        return r.exit() == 0 ? r.out().lines().filter(l -> !l.isBlank()).map(l -> l.substring(3)).toList() : List.of();
    }

    /** The workspace's path inside the repository ({@code sub/dir/}, or empty at the top). */
    static String prefix(Path ws) {
        Result r = run(ws, List.of("git", "rev-parse", "--show-prefix"));
        return r.exit() == 0 ? r.out().trim() : "";
    }

    /** Files changed in {@code base..head}, relative to the workspace (files outside it are left out). */
    static List<String> changedFiles(Path ws, String range) {
        if (range.startsWith("-") || !RANGE.matcher(range).matches()) {
            throw new SelectionException("--range must look like BASE..HEAD (two revisions), got '" + range + "'");
        }
        if (!isRepo(ws)) {
            throw new SelectionException("not a git repository: " + ws + " (--range needs one)");
        }
        Result r = run(ws, List.of("git", "diff", "--name-only", "--relative", "--no-renames",
                "--end-of-options", range, "--"));
        if (r.exit() != 0) {
            String first = r.err().lines().filter(l -> !l.isBlank()).findFirst().orElse("git diff failed");
            if (first.contains("unknown revision") || first.contains("bad revision")
                    || first.contains("ambiguous argument") || first.contains("Invalid revision range")) {
                throw new SelectionException("unknown revision in --range " + range + ": " + first.strip());
            }
            throw new SelectionException("git diff " + range + " failed: " + first.strip());
        }
        return r.out().lines().filter(l -> !l.isBlank()).toList();
    }

    /**
     * The revision a change is measured from: the left side of {@code base..head}, the merge base of
     * {@code base...head}, {@code HEAD} without a range; null when it cannot be resolved.
     */
    static String base(Path ws, String range) {
        if (range == null || range.isBlank()) {
            return head(ws);
        }
        String r = range.trim();
        int three = r.indexOf("...");
        if (three > 0) {
            Result mb = run(ws, List.of("git", "merge-base", "--end-of-options", r.substring(0, three), r.substring(three + 3)));
            return mb.exit() == 0 ? mb.out().trim() : null;
        }
        int two = r.indexOf("..");
        if (two <= 0) {
            return null;
        }
        Result v = run(ws, List.of("git", "rev-parse", "--verify", "-q", "--end-of-options", r.substring(0, two) + "^{commit}"));
        return v.exit() == 0 ? v.out().trim() : null;
    }

    /** {@code git diff -U0 --ignore-cr-at-eol} of one workspace file from {@code base} to the working copy; null when git fails. */
    static String diff(Path ws, String base, String path) {
        // a carriage return at the end of a line is no change (a file converted to or from CRLF)
        Result r = run(ws, List.of("git", "diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames",
                "--ignore-cr-at-eol", "--end-of-options", base, "--", path));
        return r.exit() == 0 ? r.out() : null;
    }

    /** A workspace file as it was at {@code base}; null when it did not exist there (or git fails). */
    static byte[] show(Path ws, String base, String path) {
        ProcessBuilder pb = new ProcessBuilder(List.of("git", "show", base + ":./" + path)).directory(ws.toFile());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The last commits, newest first, each as the list of files it touched (repository-relative). Root commits
     * (the initial import touches everything at once) are left out.
     */
    static List<List<String>> log(Path ws, int commits) {
        Result r = run(ws, List.of("git", "log", "--name-only", "--no-renames", "--format=%H%x09%P", "-n",
                Integer.toString(commits)));
        List<List<String>> out = new ArrayList<>();
        if (r.exit() != 0) {
            return out;
        }
        List<String> current = null;
        for (String line : r.out().split("\n")) {
            java.util.regex.Matcher m = COMMIT.matcher(line);
            if (m.matches()) {
                current = new ArrayList<>();
                if (!m.group(1).isBlank()) {
                    out.add(current);
                }
            } else if (!line.isBlank() && current != null) {
                current.add(line);
            }
        }
        return out;
    }

    static Result run(Path dir, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("LC_ALL", "C");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(p.getErrorStream(), err), "git-stderr");
            errReader.setDaemon(true);
            errReader.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copy(p.getInputStream(), out);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "", "git timed out");
            }
            errReader.join(5000);
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "", "cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted");
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // the exit code tells the rest
        }
    }
}
