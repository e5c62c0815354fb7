package dev.suiteflow.selector.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the failed tests out of JUnit XML reports ({@code TEST-*.xml}, as written by Maven Surefire or the
 * JUnit Platform console launcher's {@code --reports-dir}).
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    /**
     * The failed test cases (a {@code <failure>} or {@code <error>} child) of every {@code TEST-*.xml} in
     * {@code dir}, as {@code TopLevelClass#name}: a nested class ({@code Outer$Inner}) counts as its top-level
     * class, as the selector's catalog does.
     */
    public static Set<String> failedTests(Path dir) throws IOException {
        Set<String> failed = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return failed;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    failed.addAll(failedTests(in));
                }
            }
        }
        return failed;
    }

    /** The failed test cases of one report. */
    public static Set<String> failedTests(InputStream report) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            NodeList cases = b.parse(report).getElementsByTagName("testcase");
            Set<String> failed = new TreeSet<>();
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                if (c.getElementsByTagName("failure").getLength() > 0 || c.getElementsByTagName("error").getLength() > 0) {
                    failed.add(topLevelClass(c.getAttribute("classname")) + "#" + c.getAttribute("name"));
                }
            }
            return failed;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("unreadable JUnit XML report: " + e.getMessage(), e);
        }
    }

    /** {@code a.B$C} → {@code a.B}. */
    public static String topLevelClass(String className) {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }

    /** {@code a.B#m()} → {@code a.B}. */
    public static String classOf(String testId) {
        int hash = testId.indexOf('#');
        return hash < 0 ? testId : testId.substring(0, hash);
    }
}
