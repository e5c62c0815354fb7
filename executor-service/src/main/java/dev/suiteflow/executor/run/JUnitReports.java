package dev.suiteflow.executor.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import dev.suiteflow.events.TestResult;

/**
 * Finds JUnit-style XML reports by glob and reads them into {@link TestResult}s with the JDK's parser, hardened:
 * no DOCTYPE (so no external entities), secure processing, no XInclude, and a size limit per file.
 */
public final class JUnitReports {

    /** Default size limit of one report file. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
    /** Stack traces are trimmed to this many lines... */
    public static final int STACK_LINES = 30;
    /** ...and this many characters. */
    public static final int STACK_CHARS = 8 * 1024;
    private static final int MAX_FILES = 10_000;
    private static final int MAX_DEPTH = 32;

    /** A report that cannot be read as JUnit XML. */
    public static class ReportException extends Exception {
        public ReportException(String message) {
            super(message);
        }
    }

    /**
     * What the globs found.
     *
     * @param files    the report files, relative to the working directory
     * @param problems one message per report that is not valid JUnit XML
     */
    public record Collected(List<TestResult> tests, List<String> files, List<String> problems) {
    }

    private JUnitReports() {
    }

    /** Finds the reports matching {@code globs} under {@code workingDir} and parses each. */
    public static Collected collect(Path workingDir, List<String> globs, long maxBytes) {
        List<TestResult> tests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        TreeSet<String> files = new TreeSet<>();
        if (globs == null) {
            return new Collected(tests, List.of(), problems);
        }
        for (String glob : globs) {
            try {
                files.addAll(find(workingDir, glob));
            } catch (PhaseFailure e) {
                problems.add(e.getMessage());
            }
        }
        for (String file : files) {
            try {
                tests.addAll(parse(workingDir.resolve(file), file, maxBytes));
            } catch (ReportException e) {
                problems.add(e.getMessage());
            }
        }
        return new Collected(tests, List.copyOf(files), problems);
    }

    /** Files under {@code dir} whose path relative to it matches the glob, relative paths with '/'. */
    static List<String> find(Path dir, String glob) {
        if (glob == null || glob.isBlank()) {
            return List.of();
        }
        // Walk only from the glob's fixed prefix (target/surefire-reports for target/surefire-reports/*.xml).
        String[] parts = glob.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].matches(".*[*?\\[\\]{}].*")) {
                break;
            }
            prefix.append(parts[i]).append('/');
        }
        Path start = Guards.inside(dir, prefix.length() == 0 ? "." : prefix.toString(), "report glob " + glob);
        Guards.inside(dir, glob.replaceAll("[*?\\[\\]{}]", "x"), "report glob " + glob);
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        PathMatcher matcher = dir.getFileSystem().getPathMatcher("glob:" + glob);
        Path base = dir.toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(start.toAbsolutePath().normalize(), MAX_DEPTH,
                EnumSet.noneOf(FileVisitOption.class).toArray(FileVisitOption[]::new))) {
            walk.filter(Files::isRegularFile)
                    .map(base::relativize)
                    .filter(matcher::matches)
                    .limit(MAX_FILES)
                    .forEach(p -> found.add(p.toString().replace('\\', '/')));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new PhaseFailure(Outcome.INFRASTRUCTURE, "could not list reports for " + glob + ": "
                    + e.getMessage());
        }
        return found;
    }

    /** Parses one report file (at most {@code maxBytes}). */
    public static List<TestResult> parse(Path file, String name, long maxBytes) throws ReportException {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new ReportException("report " + name + " is not valid JUnit XML: it is " + size
                        + " bytes, more than the limit of " + maxBytes);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return parse(in, name);
            }
        } catch (IOException e) {
            throw new ReportException("report " + name + " cannot be read: " + e.getMessage());
        }
    }

    /** Parses one report. */
    public static List<TestResult> parse(InputStream in, String name) throws ReportException {
        Document doc;
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            doc = builder.parse(in);
        } catch (SAXException e) {
            throw new ReportException("report " + name + " is not valid JUnit XML: " + e.getMessage());
        } catch (IOException | ParserConfigurationException e) {
            throw new ReportException("report " + name + " cannot be read: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        String rootName = root.getTagName();
        if (!rootName.equals("testsuite") && !rootName.equals("testsuites")) {
            throw new ReportException("report " + name + " is not valid JUnit XML: the root element is <"
                    + rootName + ">, not <testsuite> or <testsuites>");
        }
        List<TestResult> results = new ArrayList<>();
        NodeList cases = root.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            results.add(testCase((Element) cases.item(i)));
        }
        return results;
    }

    private static TestResult testCase(Element tc) {
        String method = tc.getAttribute("name");
        String className = tc.getAttribute("classname");
        if (className.isEmpty() && tc.getParentNode() instanceof Element suite) {
            className = suite.getAttribute("name");
        }
        String status = "passed";
        String message = null;
        String stack = null;
        for (Node n = tc.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element child)) {
                continue;
            }
            String tag = child.getTagName();
            String found = switch (tag) {
                case "failure" -> "failed";
                case "error" -> "errored";
                case "skipped" -> "skipped";
                default -> null;
            };
            if (found == null || !status.equals("passed")) {
                continue;
            }
            status = found;
            String text = child.getTextContent();
            message = child.hasAttribute("message") ? child.getAttribute("message") : firstLine(text);
            if (!found.equals("skipped")) {
                stack = trimStack(text);
            }
        }
        String id = className.isEmpty() ? method : className + "#" + method;
        return new TestResult(id, method, className.isEmpty() ? null : className, status,
                millis(tc.getAttribute("time")), emptyToNull(message), stack);
    }

    static long millis(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return 0;
        }
        try {
            double s = Double.parseDouble(seconds.trim().replace(",", ""));
            return Double.isFinite(s) && s > 0 ? Math.round(s * 1000) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String trimStack(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] lines = text.strip().split("\r?\n");
        StringBuilder out = new StringBuilder();
        int kept = 0;
        for (String line : lines) {
            if (kept == STACK_LINES || out.length() + line.length() + 1 > STACK_CHARS) {
                out.append("\n\t... ").append(lines.length - kept).append(" more lines");
                break;
            }
            if (kept > 0) {
                out.append('\n');
            }
            out.append(line);
            kept++;
        }
        return out.toString();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    /** The slowest test, for a timeout's remediation. */
    public static String slowest(List<TestResult> tests) {
        return tests.stream().max(java.util.Comparator.comparingLong(TestResult::durationMs))
                .map(t -> t.id() + String.format(Locale.ROOT, " (%.1f s)", t.durationMs() / 1000.0))
                .orElse(null);
    }
}
