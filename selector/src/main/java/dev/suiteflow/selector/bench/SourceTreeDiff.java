package dev.suiteflow.selector.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.github.javaparser.JavaParser;
import com.github.javaparser.JavaToken;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;

/**
 * The {@code .java} files that differ between two source roots (the same package tree of two releases), and
 * whether a difference is in the code or only in comments and layout.
 */
public final class SourceTreeDiff {

    /** How a file differs: changed in both, or present in one root only. */
    public enum Kind { MODIFIED, ADDED, REMOVED }

    /**
     * @param path         relative to the roots, with {@code /}
     * @param kind         modified, added (only in the newer root) or removed (only in the older root)
     * @param codeChanged  false when a modified file differs only in comments and whitespace
     */
    public record Change(String path, Kind kind, boolean codeChanged) {
    }

    private SourceTreeDiff() {
    }

    /** Every {@code .java} file that differs between {@code older} and {@code newer}, sorted by path. */
    public static List<Change> diff(Path older, Path newer) throws IOException {
        TreeSet<String> paths = new TreeSet<>(javaFiles(older));
        paths.addAll(javaFiles(newer));
        List<Change> out = new ArrayList<>();
        for (String p : paths) {
            Path a = older.resolve(p);
            Path b = newer.resolve(p);
            if (!Files.exists(a)) {
                out.add(new Change(p, Kind.ADDED, true));
            } else if (!Files.exists(b)) {
                out.add(new Change(p, Kind.REMOVED, true));
            } else {
                String sa = read(a);
                String sb = read(b);
                if (!sa.equals(sb)) {
                    out.add(new Change(p, Kind.MODIFIED, codeChanged(sa, sb)));
                }
            }
        }
        return out;
    }

    /** A source file as UTF-8, or as ISO-8859-1 when it is not valid UTF-8 (Commons Text 1.13.0's EntityArrays.java). */
    static String read(Path f) throws IOException {
        byte[] bytes = Files.readAllBytes(f);
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** Whether two sources differ in more than comments and whitespace (a file that does not parse: yes). */
    public static boolean codeChanged(String a, String b) {
        Optional<List<String>> ta = codeTokens(a);
        Optional<List<String>> tb = codeTokens(b);
        return ta.isEmpty() || tb.isEmpty() || !ta.get().equals(tb.get());
    }

    private static Optional<List<String>> codeTokens(String source) {
        JavaParser parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.RAW));
        ParseResult<CompilationUnit> r = parser.parse(source);
        if (!r.isSuccessful() || r.getResult().isEmpty() || r.getResult().get().getTokenRange().isEmpty()) {
            return Optional.empty();
        }
        List<String> tokens = new ArrayList<>();
        for (JavaToken t : r.getResult().get().getTokenRange().get()) {
            if (!t.getCategory().isWhitespaceOrComment()) {
                tokens.add(t.getText());
            }
        }
        return Optional.of(tokens);
    }

    private static List<String> javaFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .toList();
        }
    }
}
