package dev.suiteflow.coverage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads requirement ids from JUnit XML reports ({@code TEST-*.xml}): {@code <property name="requirement"
 * value="ID"/>} (comma-separated ids allowed) inside a {@code <testcase>}'s {@code <properties>}, or in the
 * {@code <testsuite>}'s, which then applies to every test case of the suite. DTDs and external entities are
 * refused; a report over {@link #MAX_REPORT_BYTES} or that does not parse is skipped.
 */
public final class JUnitReports {

    static final long MAX_REPORT_BYTES = 20L * 1024 * 1024;
    static final String PROPERTY = "requirement";

    private JUnitReports() {
    }

    /** Test id ({@code class#method}) → requirement ids, in the order found. */
    public static Map<String, Set<String>> requirements(Path report) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        try {
            if (Files.size(report) > MAX_REPORT_BYTES) {
                return out;
            }
            Element root;
            try (InputStream in = Files.newInputStream(report)) {
                root = builder().parse(in).getDocumentElement();
            }
            List<Element> suites = new ArrayList<>();
            if (root.getTagName().equals("testsuite")) {
                suites.add(root);
            } else {
                suites.addAll(children(root, "testsuite"));
            }
            for (Element suite : suites) {
                Set<String> suiteIds = ids(suite);
                for (Element testcase : children(suite, "testcase")) {
                    String cls = testcase.getAttribute("classname").strip();
                    String name = methodName(testcase.getAttribute("name"));
                    if (cls.isEmpty() || name.isEmpty()) {
                        continue;
                    }
                    Set<String> ids = new LinkedHashSet<>(suiteIds);
                    ids.addAll(ids(testcase));
                    if (!ids.isEmpty()) {
                        out.computeIfAbsent(cls + "#" + name, k -> new LinkedHashSet<>()).addAll(ids);
                    }
                }
            }
        } catch (IOException | SAXException | ParserConfigurationException | RuntimeException e) {
            return Map.of();
        }
        return out;
    }

    /** {@code parsesQuantity(String)[2]} → {@code parsesQuantity}. */
    static String methodName(String name) {
        String n = name.strip();
        int cut = n.length();
        for (char c : new char[] {'(', '['}) {
            int at = n.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return n.substring(0, cut).strip();
    }

    private static Set<String> ids(Element owner) {
        Set<String> ids = new LinkedHashSet<>();
        for (Element properties : children(owner, "properties")) {
            for (Element property : children(properties, "property")) {
                if (PROPERTY.equals(property.getAttribute("name"))) {
                    ids.addAll(Requirements.list(property.getAttribute("value")));
                }
            }
        }
        return ids;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static DocumentBuilder builder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder;
    }
}
