package dev.suiteflow.coverage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The one analysis applied to test texts and criterion texts alike: identifiers split into words
 * ({@link Words#splitIdentifiers}), then Lucene's {@link EnglishAnalyzer} (standard tokenizer, possessives,
 * lower case, stop words, Porter stemming) with a few extra stop words that say nothing about behaviour in a test
 * or a criterion ({@code test}, {@code should}, {@code must}, {@code given}, {@code when}, …).
 */
public final class TextAnalysis {

    static final List<String> EXTRA_STOP_WORDS = List.of("test", "tests", "tested", "testing", "should", "must",
            "shall", "can", "could", "would", "may", "given", "when", "then", "verify", "verifies", "check", "checks",
            "ensure", "ensures", "case", "cases", "scenario", "i", "we", "our", "my", "you", "your", "its", "so",
            "do", "does", "has", "have", "had", "been", "being", "also", "each", "every", "all", "any", "from",
            "get", "gets", "which", "who", "what", "other", "than", "too", "very", "e", "g", "ie", "eg", "etc");

    static final CharArraySet STOP_WORDS;

    static {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        stop.addAll(EXTRA_STOP_WORDS);
        STOP_WORDS = CharArraySet.unmodifiableSet(stop);
    }

    private TextAnalysis() {
    }

    /** A new analyzer (Lucene analyzers hold per-thread state; close it when done). */
    public static Analyzer analyzer() {
        return new EnglishAnalyzer(STOP_WORDS);
    }

    /** The terms of a text, in order, duplicates kept. */
    public static List<String> terms(Analyzer analyzer, String field, String text) {
        List<String> terms = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return terms;
        }
        try (TokenStream stream = analyzer.tokenStream(field, Words.splitIdentifiers(text))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory text: does not happen
        }
        return terms;
    }
}
