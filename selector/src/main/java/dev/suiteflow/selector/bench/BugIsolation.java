package dev.suiteflow.selector.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import com.github.difflib.patch.PatchFailedException;

/**
 * The hunks of a reverted file, for isolating a real bug the way Defects4J does by hand: a release's revert of a file
 * often carries refactorings and features beside the fix, and a bug is the part of the revert that makes the tests
 * fail. {@link RecallBench} reverts each hunk alone, keeps those that make a failing class fail, and measures the
 * selection for their union (checked again with the whole suite).
 *
 * <p>A hunk is a run of changed lines of the line diff (no context). Hunks whose lines are all blank or comment
 * lines (starting with {@code *}, {@code /*}, {@code //}) are marked, so that they are not tried: they cannot change
 * what runs.
 */
public final class BugIsolation {

    private final List<String> fixed;
    private final List<AbstractDelta<String>> hunks;

    /** One hunk: its number (from 0, in file order), the first changed line of the fixed file (from 1), and whether it holds code. */
    public record Hunk(int index, int line, int removed, int added, boolean code) {
    }

    /**
     * @param fixed    the file as released (vB)
     * @param reverted the same file reverted (vA)
     */
    public BugIsolation(String fixed, String reverted) {
        this.fixed = lines(fixed);
        // lines equal but for a carriage return are the same line: a release that changed line endings (CSV 1.10.0
        // is CRLF, 1.9.0 LF) would otherwise be one hunk that deletes the whole file
        this.hunks = DiffUtils.diff(this.fixed, lines(reverted), (a, b) -> stripCr(a).equals(stripCr(b))).getDeltas();
    }

    public List<Hunk> hunks() {
        List<Hunk> out = new ArrayList<>();
        for (int i = 0; i < hunks.size(); i++) {
            AbstractDelta<String> d = hunks.get(i);
            boolean code = !commentOrBlank(d.getSource().getLines()) || !commentOrBlank(d.getTarget().getLines());
            out.add(new Hunk(i, d.getSource().getPosition() + 1, d.getSource().size(), d.getTarget().size(), code));
        }
        return out;
    }

    /** The fixed file with only the given hunks reverted. */
    public String revert(Collection<Integer> which) {
        Set<Integer> keep = new TreeSet<>(which);
        Patch<String> p = new Patch<>();
        for (int i : keep) {
            if (i < 0 || i >= hunks.size()) {
                throw new IllegalArgumentException("no hunk " + i + " (there are " + hunks.size() + ")");
            }
            p.addDelta(hunks.get(i));
        }
        try {
            return String.join("\n", p.applyTo(fixed));
        } catch (PatchFailedException e) {
            throw new IllegalStateException("a hunk of the file's own diff does not apply to it", e);
        }
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static List<String> lines(String s) {
        return Arrays.asList(s.split("\n", -1));
    }

    private static boolean commentOrBlank(List<String> lines) {
        for (String l : lines) {
            String t = l.strip();
            if (!(t.isEmpty() || t.startsWith("*") || t.startsWith("/*") || t.startsWith("//"))) {
                return false;
            }
        }
        return true;
    }
}
