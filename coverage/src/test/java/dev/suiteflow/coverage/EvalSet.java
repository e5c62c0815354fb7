package dev.suiteflow.coverage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The labelled set of {@code src/test/resources/eval/criteria.txt} and the two projects it is about. */
final class EvalSet {

    record Labelled(String project, String id, Set<String> truth, String text) {
    }

    private EvalSet() {
    }

    static List<Labelled> criteria() {
        try (InputStream in = Objects.requireNonNull(EvalSet.class.getResourceAsStream("/eval/criteria.txt"))) {
            List<Labelled> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\\s*\\|\\s*", 4);
                Set<String> truth = new LinkedHashSet<>();
                if (!cells[2].equals("-")) {
                    for (String id : cells[2].split("\\s*,\\s*")) {
                        truth.add(id.strip());
                    }
                }
                out.add(new Labelled(cells[0].strip(), cells[1].strip(), truth, cells[3].strip()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path demoProject() {
        return Path.of(System.getProperty("suiteflow.demo.project", "../demo/project"));
    }

    static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(EvalSet.class.getResource("/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path accountsProject() {
        return resource("eval/accounts");
    }

    /** The catalog of a project, without its requirement tags (the evaluation measures similarity alone). */
    static TestCatalog catalog(String project) {
        return switch (project) {
            case "demo" -> CatalogScanner.scan(demoProject()).withoutRequirementTags();
            case "accounts" -> CatalogScanner.scan(accountsProject()).withoutRequirementTags();
            default -> throw new IllegalArgumentException(project);
        };
    }
}
