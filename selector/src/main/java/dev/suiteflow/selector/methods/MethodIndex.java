package dev.suiteflow.selector.methods;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.suiteflow.selector.index.ClassFacts;
import dev.suiteflow.selector.index.FileFacts;
import dev.suiteflow.selector.index.IndexStore;

/**
 * The call graph of a built workspace, kept warm: class files are re-read only when their size or modification
 * time changed, and the graph is rebuilt only when the set of class files changed.
 */
public final class MethodIndex {

    private record Cached(long size, long mtime, ClassModel model) {
    }

    /** The graph of a workspace, or why there is none. */
    public record Built(CallGraph graph, String unavailable) {
    }

    private final Map<String, Cached> models = new HashMap<>();
    private Object key;
    private Built last;
    private Path lastWorkspace;

    /**
     * The workspace's call graph; {@code unavailable} says why there is none: nothing built, or a class file older
     * than its source (a stale build says nothing reliable about the source's calls).
     */
    public synchronized Built graph(IndexStore.WorkspaceIndex index) {
        Path ws = index.workspace();
        Map<String, FileFacts> files = index.files();
        Map<String, ClassFacts> classes = index.classes();
        if (classes.isEmpty()) {
            return new Built(null, "the workspace has no compiled classes");
        }
        List<Object> k = List.of(ws, index.version()); // the index's version moves with any source or class file
        if (k.equals(key)) {
            return last;
        }
        Map<String, Long> sourceMtime = new HashMap<>();
        for (FileFacts f : files.values()) {
            String name = f.path().substring(f.path().lastIndexOf('/') + 1);
            sourceMtime.merge((f.pkg().isEmpty() ? "" : f.pkg().replace('.', '/') + "/") + name, f.mtime(), Math::max);
        }
        List<ClassModel> all = new ArrayList<>();
        Map<String, Cached> next = new HashMap<>();
        String stale = null;
        for (ClassFacts c : classes.values()) {
            Cached m = models.get(c.path());
            if (m == null || m.size() != c.size() || m.mtime() != c.mtime()) {
                try {
                    m = new Cached(c.size(), c.mtime(), BytecodeReader.read(Files.readAllBytes(ws.resolve(c.path()))));
                } catch (IOException | RuntimeException e) {
                    continue; // unreadable: contributes nothing, as in the class-level index
                }
            }
            next.put(c.path(), m);
            ClassModel model = m.model();
            all.add(model);
            if (model.sourceFile() != null && stale == null) {
                String pkg = model.packagePath();
                Long src = sourceMtime.get((pkg.isEmpty() ? "" : pkg + "/") + model.sourceFile());
                if (src != null && c.mtime() < src) {
                    stale = c.path() + " is older than its source";
                }
            }
        }
        models.clear();
        models.putAll(next);
        CallGraph previous = last == null || !ws.equals(lastWorkspace) ? null : last.graph();
        last = stale != null ? new Built(null, stale) : new Built(new CallGraph(all, previous), null);
        lastWorkspace = ws;
        key = k;
        return last;
    }

    /** The classes compiled from one source file: same package, same {@code SourceFile} attribute. */
    public static List<ClassModel> classesOf(CallGraph graph, String pkg, String fileName) {
        String p = pkg.replace('.', '/');
        List<ClassModel> out = new ArrayList<>();
        for (ClassModel c : graph.classes()) {
            if (fileName.equals(c.sourceFile()) && c.packagePath().equals(p)) {
                out.add(c);
            }
        }
        return out;
    }
}
