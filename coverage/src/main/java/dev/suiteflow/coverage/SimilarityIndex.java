package dev.suiteflow.coverage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An in-memory Lucene index (ByteBuffersDirectory) of a catalog's tests, searched with BM25.
 *
 * <p>Each test is one document with two fields: {@code text} — the method name's words, the display name and the
 * method's comments — and {@code context} — its classes' names, display names and comments. A criterion's terms
 * (same analysis, see {@link TextAnalysis}) make a query of one {@code text} clause per distinct term (boosted by
 * its count in the criterion) and one {@code context} clause boosted by {@link #CONTEXT_BOOST}.
 *
 * <p><b>Normalisation.</b> Lucene's BM25 term score is {@code idf · tf / (tf + k1 · (1 - b + b · dl/avgdl))},
 * {@code idf = ln(1 + (N - df + 0.5) / (df + 0.5))}. The confidence of a test is its score divided by the
 * criterion's <em>self-score</em>: the score a document holding each of the criterion's terms once, at average
 * length, would get in the {@code text} field, {@code Σ qtf · idf(t) / (1 + k1)} (a term no test has gets the
 * idf of df = 0) — capped at 1. So it reads as "how much of the criterion's weighted vocabulary this test
 * carries": rare words count more than common ones, and words of the criterion that no test uses pull every
 * confidence down. It is not a probability; the threshold is set on the labelled set (see the README).
 */
public final class SimilarityIndex implements AutoCloseable {

    /** Weight of a term found only in the class context (class name and comment), relative to the method's text. */
    public static final float CONTEXT_BOOST = 0.3f;
    /** Distinct criterion terms used in a query (a 2,000-character criterion has fewer in practice). */
    static final int MAX_QUERY_TERMS = 256;
    /** Candidates read per criterion before the threshold. */
    static final int CANDIDATES = 50;

    private static final float K1 = 1.2f;
    private static final float B = 0.75f;

    /** A test's match with a criterion. */
    public record Match(TestCase test, double confidence, List<String> terms, List<String> fields) {
    }

    private final List<TestCase> tests;
    private final List<Map<String, Set<String>>> fieldTerms = new ArrayList<>();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final Analyzer analyzer = TextAnalysis.analyzer();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    public SimilarityIndex(TestCatalog catalog) {
        this.tests = catalog.tests();
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity(K1, B));
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (int i = 0; i < tests.size(); i++) {
                    TestCase t = tests.get(i);
                    String name = String.join(" ", t.nameWords());
                    Document doc = new Document();
                    doc.add(new StoredField("n", i));
                    doc.add(new TextField("text", Words.splitIdentifiers(name + "\n" + t.displayName() + "\n"
                            + t.comment()), Field.Store.NO));
                    doc.add(new TextField("context", Words.splitIdentifiers(t.classContext()), Field.Store.NO));
                    writer.addDocument(doc);
                    Map<String, Set<String>> fields = new LinkedHashMap<>();
                    fields.put("name", new HashSet<>(TextAnalysis.terms(analyzer, "text", name)));
                    fields.put("display name", new HashSet<>(TextAnalysis.terms(analyzer, "text", t.displayName())));
                    fields.put("comment", new HashSet<>(TextAnalysis.terms(analyzer, "text", t.comment())));
                    fields.put("class", new HashSet<>(TextAnalysis.terms(analyzer, "text", t.classContext())));
                    fieldTerms.add(fields);
                }
            }
            reader = DirectoryReader.open(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory index", e);
        }
        searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity(K1, B));
    }

    /** The tests most similar to a text, best first, confidence in [0, 1], none below {@code minConfidence}. */
    public List<Match> search(String text, double minConfidence, int limit) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String term : TextAnalysis.terms(analyzer, "text", text)) {
            if (counts.size() < MAX_QUERY_TERMS || counts.containsKey(term)) {
                counts.merge(term, 1, Integer::sum);
            }
        }
        if (counts.isEmpty() || tests.isEmpty() || limit <= 0) {
            return List.of();
        }
        try {
            int docs = Math.max(1, reader.getDocCount("text"));
            double self = 0;
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            for (var e : counts.entrySet()) {
                int df = reader.docFreq(new Term("text", e.getKey()));
                self += e.getValue() * Math.log(1 + (docs - df + 0.5) / (df + 0.5)) / (1 + K1);
                query.add(new BoostQuery(new TermQuery(new Term("text", e.getKey())), e.getValue()),
                        BooleanClause.Occur.SHOULD);
                query.add(new BoostQuery(new TermQuery(new Term("context", e.getKey())), CONTEXT_BOOST * e.getValue()),
                        BooleanClause.Occur.SHOULD);
            }
            List<Match> matches = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(query.build(), Math.min(CANDIDATES, tests.size())).scoreDocs) {
                double confidence = Math.min(1.0, Math.round(hit.score / self * 1000) / 1000.0);
                if (confidence < minConfidence) {
                    continue;
                }
                int n = searcher.storedFields().document(hit.doc).getField("n").numericValue().intValue();
                List<String> terms = new ArrayList<>();
                Set<String> hitFields = new HashSet<>();
                for (String term : counts.keySet()) {
                    for (var field : fieldTerms.get(n).entrySet()) {
                        if (field.getValue().contains(term)) {
                            hitFields.add(field.getKey());
                            if (!terms.contains(term)) {
                                terms.add(term);
                            }
                        }
                    }
                }
                List<String> fields = fieldTerms.get(n).keySet().stream().filter(hitFields::contains).toList();
                matches.add(new Match(tests.get(n), confidence, terms, fields));
            }
            matches.sort(Comparator.comparingDouble(Match::confidence).reversed()
                    .thenComparing(m -> m.test().id()));
            return matches.size() > limit ? List.copyOf(matches.subList(0, limit)) : matches;
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory index", e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        analyzer.close();
    }
}
