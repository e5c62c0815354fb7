package dev.suiteflow.selector;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Co-change counts from {@code git log --name-only -n 500}: in how many of the last commits two files changed
 * together. Commits touching more than {@value #MAX_FILES_PER_COMMIT} files (mass renames, reformatting) say
 * nothing about coupling and are left out.
 */
final class GitCoChange {

    static final int COMMITS = 500;
    static final int MAX_FILES_PER_COMMIT = 100;

    private final Map<String, Set<Integer>> commitsByFile = new HashMap<>();
    private final String prefix;

    private GitCoChange(List<List<String>> commits, String prefix) {
        this.prefix = prefix;
        for (int i = 0; i < commits.size(); i++) {
            List<String> files = commits.get(i);
            if (files.size() > MAX_FILES_PER_COMMIT) {
                continue;
            }
            for (String f : files) {
                commitsByFile.computeIfAbsent(f, k -> new TreeSet<>()).add(i);
            }
        }
    }

    static GitCoChange read(Path ws) {
        return new GitCoChange(Git.log(ws, COMMITS), Git.prefix(ws));
    }

    /** Commits in which both workspace-relative files changed. */
    int count(String fileA, String fileB) {
        Set<Integer> a = commitsByFile.get(prefix + fileA);
        Set<Integer> b = commitsByFile.get(prefix + fileB);
        if (a == null || b == null) {
            return 0;
        }
        int n = 0;
        for (Integer c : a) {
            if (b.contains(c)) {
                n++;
            }
        }
        return n;
    }
}
