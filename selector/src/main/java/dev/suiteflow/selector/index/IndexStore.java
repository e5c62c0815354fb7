package dev.suiteflow.selector.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The warm cache: the parsed facts of every {@code .java} file of a workspace, kept in memory per workspace and
 * (optionally) on disk, keyed by each file's path, size and modification time. A call walks the tree, reuses
 * the facts of every file whose key is unchanged and parses only the others (in parallel).
 *
 * <p>The same goes for compiled classes when the workspace has been built: every {@code .class} file under a
 * Maven {@code target/classes} or {@code target/test-classes}, or a Gradle {@code build/classes/java/main} or
 * {@code build/classes/java/test} (of the root or of any module) is read with ASM ({@link ClassFileReader}) and
 * keyed the same way, so a rebuild, a new or a deleted class file changes the index (and its version).
 */
public final class IndexStore {

    /** Directories never indexed. */
    public static final Set<String> SKIPPED_DIRS = Set.of("target", "build", ".git", "node_modules");

    private static final int FORMAT = 2;

    /** Class output directories, relative to a {@code target} (Maven) or {@code build} (Gradle) directory. */
    private static final Map<String, List<String>> CLASS_DIRS = Map.of(
            "target", List.of("classes", "test-classes"),
            "build", List.of("classes/java/main", "classes/java/test"));

    private final Path cacheDir;
    private final Map<Path, WorkspaceIndex> memory = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** @param cacheDir where to keep indexes between runs; null keeps them in memory only */
    public IndexStore(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /**
     * A workspace's index: the facts per {@code .java} file, the facts per {@code .class} file (empty when
     * nothing was built), and how many {@code .java} files this call parsed and reused.
     */
    public record WorkspaceIndex(Path workspace, Map<String, FileFacts> files, Map<String, ClassFacts> classes,
                                 long version, int parsed, int reused) {
    }

    private record Stat(String rel, Path file, long size, long mtime) {
    }

    private record Stored(int format, String workspace, List<FileFacts> files, List<ClassFacts> classes) {
    }

    public synchronized WorkspaceIndex index(Path workspace) throws IOException {
        Path ws = workspace.toRealPath();
        WorkspaceIndex previous = memory.get(ws);
        if (previous == null) {
            previous = load(ws);
        }
        Map<String, FileFacts> old = previous == null ? Map.of() : previous.files();
        List<Stat> classStats = new ArrayList<>();
        List<Stat> stats = walk(ws, classStats);
        Map<String, FileFacts> files = new TreeMap<>();
        List<Stat> toParse = new ArrayList<>();
        for (Stat s : stats) {
            FileFacts f = old.get(s.rel());
            if (f != null && f.size() == s.size() && f.mtime() == s.mtime()) {
                files.put(s.rel(), f);
            } else {
                toParse.add(s);
            }
        }
        boolean changed = !toParse.isEmpty() || files.size() != old.size();
        for (FileFacts f : parseAll(toParse)) {
            files.put(f.path(), f);
        }
        Map<String, ClassFacts> oldClasses = previous == null ? Map.of() : previous.classes();
        Map<String, ClassFacts> classes = new TreeMap<>();
        for (Stat s : classStats) {
            ClassFacts c = oldClasses.get(s.rel());
            if (c == null || c.size() != s.size() || c.mtime() != s.mtime()) {
                c = readClass(s);
                changed = true;
            }
            if (c != null) {
                classes.put(s.rel(), c);
            }
        }
        changed |= !classes.keySet().equals(oldClasses.keySet());
        long version = previous == null ? 1 : previous.version() + (changed ? 1 : 0);
        WorkspaceIndex index = new WorkspaceIndex(ws, files, classes, version, toParse.size(),
                stats.size() - toParse.size());
        memory.put(ws, index);
        if (changed || previous == null) {
            save(index);
        }
        return index;
    }

    /** Forgets the in-memory index of every workspace (the disk cache stays). */
    public synchronized void clearMemory() {
        memory.clear();
    }

    /** A class file that cannot be read (truncated, not a class) contributes nothing. */
    private static ClassFacts readClass(Stat s) {
        try {
            return ClassFileReader.read(s.rel(), Files.readAllBytes(s.file()), s.size(), s.mtime());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The class output folders of a workspace and its modules (the ones {@link #index} reads): the main ones
     * ({@code target/classes}, {@code build/classes/java/main}) or the test ones, sorted; hidden folders skipped.
     */
    public static List<Path> classFolders(Path ws, boolean tests) throws IOException {
        List<Path> out = new ArrayList<>();
        Files.walkFileTree(ws, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path name = dir.getFileName();
                if (dir.equals(ws) || name == null) {
                    return FileVisitResult.CONTINUE;
                }
                if (name.toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                List<String> subs = CLASS_DIRS.get(name.toString());
                if (subs != null) {
                    Path classDir = dir.resolve(subs.get(tests ? 1 : 0));
                    if (Files.isDirectory(classDir)) {
                        out.add(classDir);
                    }
                }
                return SKIPPED_DIRS.contains(name.toString()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }

    /** The {@code .java} files of the workspace; the {@code .class} files of its build output go to {@code classes}. */
    private static List<Stat> walk(Path ws, List<Stat> classes) throws IOException {
        List<Stat> out = new ArrayList<>();
        Files.walkFileTree(ws, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path name = dir.getFileName();
                if (!dir.equals(ws) && name != null && name.toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE; // .git, .run, .idea, caches: never the project's sources
                }
                if (dir.equals(ws) || name == null || !SKIPPED_DIRS.contains(name.toString())) {
                    return FileVisitResult.CONTINUE;
                }
                for (String sub : CLASS_DIRS.getOrDefault(name.toString(), List.of())) {
                    Path classDir = dir.resolve(sub);
                    if (Files.isDirectory(classDir)) {
                        walkClasses(ws, classDir, classes);
                    }
                }
                return FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".java")) {
                    out.add(stat(ws, file, attrs));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    /** A file's workspace path (with /), size and modification time: what tells the cache it changed. */
    private static Stat stat(Path ws, Path file, BasicFileAttributes attrs) {
        String rel = ws.relativize(file).toString().replace('\\', '/');
        return new Stat(rel, file, attrs.size(), attrs.lastModifiedTime().to(TimeUnit.MICROSECONDS));
    }

    private static void walkClasses(Path ws, Path classDir, List<Stat> out) throws IOException {
        Files.walkFileTree(classDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (attrs.isRegularFile() && name.endsWith(".class") && !name.equals("module-info.class")
                        && !name.equals("package-info.class")) {
                    out.add(stat(ws, file, attrs));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static List<FileFacts> parseAll(List<Stat> stats) throws IOException {
        if (stats.isEmpty()) {
            return List.of();
        }
        int threads = stats.size() < 16 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
        if (threads == 1) {
            // an update of a few files: changed files, whose trees method-level selection reads next
            boolean keepTrees = stats.size() <= KEPT_TREES;
            List<FileFacts> out = new ArrayList<>();
            for (Stat s : stats) {
                out.add(parse(s, keepTrees));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "selector-parse");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<FileFacts>> futures = new ArrayList<>();
            for (Stat s : stats) {
                futures.add(pool.submit(() -> parse(s, false)));
            }
            List<FileFacts> out = new ArrayList<>();
            for (Future<FileFacts> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while parsing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** At most this many files re-parsed keep their trees (see {@link SourceTrees}). */
    private static final int KEPT_TREES = 4;

    private static FileFacts parse(Stat s, boolean keepTree) {
        String source;
        try {
            byte[] bytes = Files.readAllBytes(s.file());
            source = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return JavaSourceParser.parse(s.rel(), source, s.size(), s.mtime(), keepTree);
    }

    private Path cacheFile(Path ws) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ws.toString().getBytes(StandardCharsets.UTF_8));
            return cacheDir.resolve("index-" + HexFormat.of().formatHex(digest, 0, 12) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private WorkspaceIndex load(Path ws) {
        if (cacheDir == null) {
            return null;
        }
        Path file = cacheFile(ws);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Stored stored = json.readValue(file.toFile(), Stored.class);
            if (stored.format() != FORMAT || !ws.toString().equals(stored.workspace())) {
                return null;
            }
            Map<String, FileFacts> files = new TreeMap<>();
            stored.files().forEach(f -> files.put(f.path(), f));
            Map<String, ClassFacts> classes = new TreeMap<>();
            if (stored.classes() != null) {
                stored.classes().forEach(c -> classes.put(c.path(), c));
            }
            return new WorkspaceIndex(ws, files, classes, 1, 0, files.size());
        } catch (IOException | RuntimeException e) {
            return null; // a damaged cache is only a cold start
        }
    }

    private void save(WorkspaceIndex index) {
        if (cacheDir == null) {
            return;
        }
        try {
            Files.createDirectories(cacheDir);
            Path file = cacheFile(index.workspace());
            Path tmp = Files.createTempFile(cacheDir, "index-", ".tmp");
            json.writeValue(tmp.toFile(), new Stored(FORMAT, index.workspace().toString(),
                    new ArrayList<>(index.files().values()), new ArrayList<>(index.classes().values())));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // The cache only saves time; failing to write it changes no selection.
        }
    }
}
