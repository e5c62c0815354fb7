package dev.suiteflow.coverage;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explicit requirement tags. Supported forms:
 * <ul>
 *   <li>{@code [REQ:CHK-1]} anywhere in a test's comments or {@code @DisplayName} (also its class's), several in
 *       one text, or several ids in one tag: {@code [REQ:CHK-1, INV-3]};</li>
 *   <li>a JUnit tag {@code @Tag("REQ:CHK-1")} or {@code @Tag("REQ-CHK-1")} (JUnit tags may not contain spaces,
 *       commas or brackets, hence the bracket-less forms);</li>
 *   <li>a JUnit XML report property {@code <property name="requirement" value="CHK-1"/>} (comma-separated values
 *       allowed), in a {@code <testcase>} or in the {@code <testsuite>} (then for each of its test cases).</li>
 * </ul>
 * An id is 1–64 characters {@code [A-Za-z0-9._-]} starting with a letter or digit, as the ingest service accepts
 * for criterion ids. Ids are compared without regard to case.
 */
public final class Requirements {

    private static final Pattern BRACKETED = Pattern.compile("\\[\\s*REQ\\s*:([^\\]\\[]{1,400})\\]", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("REQ[:-](.+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Requirements() {
    }

    /** The ids of every {@code [REQ:…]} marker in a text. */
    public static Set<String> inText(String text) {
        Set<String> ids = new LinkedHashSet<>();
        if (text == null) {
            return ids;
        }
        Matcher m = BRACKETED.matcher(text);
        while (m.find()) {
            ids.addAll(list(m.group(1)));
        }
        return ids;
    }

    /** The text without its {@code [REQ:…]} markers. */
    public static String strip(String text) {
        return text == null ? "" : BRACKETED.matcher(text).replaceAll(" ");
    }

    /** The id of a JUnit tag {@code REQ:ID} / {@code REQ-ID}, or null. */
    public static String fromTag(String tag) {
        Matcher m = TAG.matcher(tag.strip());
        if (m.matches() && ID.matcher(m.group(1)).matches()) {
            return m.group(1);
        }
        return null;
    }

    /** Ids separated by commas or spaces, invalid ones left out. */
    public static Set<String> list(String ids) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids.split("[,;\\s]+")) {
            if (ID.matcher(id).matches()) {
                out.add(id);
            }
        }
        return out;
    }

    static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
