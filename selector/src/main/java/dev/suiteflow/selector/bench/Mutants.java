package dev.suiteflow.selector.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.javaparser.JavaParser;
import com.github.javaparser.JavaToken;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.BinaryExpr;

/**
 * Single-operator mutants of one Java source (the secondary figure of the recall benchmark; not real bugs):
 * a comparison's boundary or sense flipped ({@code <}↔{@code <=}, {@code >}↔{@code >=}, {@code ==}↔{@code !=})
 * or a condition's connective swapped ({@code &&}↔{@code ||}). Each mutant changes exactly one operator token.
 */
public final class Mutants {

    /**
     * @param line    1-based line of the mutated operator
     * @param from    the operator in the original
     * @param to      the operator in the mutant
     * @param source  the whole mutated source
     */
    public record Mutant(int line, String from, String to, String source) {
    }

    private static final Map<String, String> SWAP = Map.of("<", "<=", "<=", "<", ">", ">=", ">=", ">",
            "==", "!=", "!=", "==", "&&", "||", "||", "&&");

    private Mutants() {
    }

    /** Every mutant of {@code source}, in source order (empty if it does not parse). */
    public static List<Mutant> all(String source) {
        ParseResult<CompilationUnit> r = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.RAW)).parse(source);
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            return List.of();
        }
        int[] lineStart = lineStarts(source);
        List<Mutant> out = new ArrayList<>();
        for (BinaryExpr e : r.getResult().get().findAll(BinaryExpr.class)) {
            Optional<JavaToken> op = operatorToken(e);
            if (op.isEmpty() || op.get().getRange().isEmpty()) {
                continue;
            }
            String from = op.get().getText();
            String to = SWAP.get(from);
            if (to == null) {
                continue;
            }
            int line = op.get().getRange().get().begin.line;
            int offset = lineStart[line - 1] + op.get().getRange().get().begin.column - 1;
            if (!source.startsWith(from, offset)) {
                continue;   // columns off (tabs): leave this one out rather than corrupt the source
            }
            out.add(new Mutant(line, from, to, source.substring(0, offset) + to + source.substring(offset + from.length())));
        }
        out.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return out;
    }

    /** Up to {@code k} of {@code mutants}, evenly spread over the file (deterministic). */
    public static List<Mutant> spread(List<Mutant> mutants, int k) {
        if (mutants.size() <= k) {
            return mutants;
        }
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(mutants.get((int) ((i + 0.5) * mutants.size() / k)));
        }
        return out;
    }

    private static Optional<JavaToken> operatorToken(BinaryExpr e) {
        Optional<JavaToken> t = e.getLeft().getTokenRange().map(tr -> tr.getEnd()).flatMap(JavaToken::getNextToken);
        while (t.isPresent() && t.get().getCategory().isWhitespaceOrComment()) {
            t = t.get().getNextToken();
        }
        return t;
    }

    private static int[] lineStarts(String s) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
