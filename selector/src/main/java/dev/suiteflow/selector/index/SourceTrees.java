package dev.suiteflow.selector.index;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;

/**
 * Full syntax trees (tokens and comments kept) of the source texts parsed lately, by content. A changed file is
 * parsed once when the index takes in its new text, and method-level selection reads the same tree; its base
 * version stays the same while the working copy changes, so the next change of it parses only the new text.
 * Trees handed out are read, never changed.
 */
public final class SourceTrees {

    /** A few MB each for a 1,000-line file: only a few are kept. */
    private static final int KEPT = 8;
    private static final ThreadLocal<JavaParser> PARSER = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.RAW)));
    private static final Map<String, Optional<CompilationUnit>> PARSED = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<CompilationUnit>> eldest) {
            return size() > KEPT;
        }
    };

    private static long parses;

    private SourceTrees() {
    }

    /** How many texts were parsed here (not taken from the kept trees) since the JVM started. */
    public static long parses() {
        synchronized (PARSED) {
            return parses;
        }
    }

    /** The tree of {@code source}, or empty when it does not parse. */
    public static Optional<CompilationUnit> parse(String source) {
        synchronized (PARSED) {
            Optional<CompilationUnit> cu = PARSED.get(source);
            if (cu != null) {
                return cu;
            }
        }
        ParseResult<CompilationUnit> r = PARSER.get().parse(source);
        Optional<CompilationUnit> cu = r.isSuccessful() ? r.getResult() : Optional.empty();
        synchronized (PARSED) {
            PARSED.put(source, cu);
            parses++;
        }
        return cu;
    }
}
