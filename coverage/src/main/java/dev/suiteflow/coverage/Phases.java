package dev.suiteflow.coverage;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * The phase a test belongs in, in this order: the manifest's class → phase map (binary name, then the top-level
 * class), a JUnit tag naming a phase ({@code unit}, {@code integration}/{@code it}, {@code e2e}/{@code end-to-end},
 * {@code performance}/{@code perf}), then the top-level class name's suffix ({@code E2E}, {@code E2ETest},
 * {@code E2EIT} → e2e; {@code IT}, {@code ITCase}, {@code IntegrationTest} → integration; anything else → unit).
 */
public final class Phases {

    private Phases() {
    }

    public static String guess(String binaryClassName, Collection<String> tags, Map<String, String> classPhases) {
        String topLevel = binaryClassName.contains("$")
                ? binaryClassName.substring(0, binaryClassName.indexOf('$')) : binaryClassName;
        if (classPhases != null) {
            String phase = classPhases.get(binaryClassName);
            phase = phase != null ? phase : classPhases.get(topLevel);
            if (phase != null) {
                return phase;
            }
        }
        for (String tag : tags) {
            String phase = fromTag(tag);
            if (phase != null) {
                return phase;
            }
        }
        String simple = topLevel.substring(topLevel.lastIndexOf('.') + 1);
        if (simple.endsWith("E2E") || simple.endsWith("E2ETest") || simple.endsWith("E2EIT")
                || simple.endsWith("E2ETests")) {
            return "e2e";
        }
        if (simple.endsWith("IT") || simple.endsWith("ITCase") || simple.endsWith("IntegrationTest")
                || simple.endsWith("IntegrationTests")) {
            return "integration";
        }
        return "unit";
    }

    static String fromTag(String tag) {
        return switch (tag.strip().toLowerCase(Locale.ROOT)) {
            case "unit" -> "unit";
            case "integration", "it" -> "integration";
            case "e2e", "end-to-end", "endtoend" -> "e2e";
            case "performance", "perf" -> "performance";
            default -> null;
        };
    }
}
