package dev.suiteflow.executor.run;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Version numbers as commands print them, compared number by number ({@code 3.6 < 3.8.7 < 17}). */
public final class Versions {

    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)*)");
    /** Terminal colour and style codes (ESC [ … letter), which some tools print even without a terminal. */
    public static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");

    private Versions() {
    }

    /** The first version number in a command's output ({@code openjdk version "17.0.9"} → 17.0.9). */
    public static Optional<String> first(String output) {
        if (output == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(ANSI.matcher(output).replaceAll(""));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Negative, zero or positive as {@code a} is lower than, equal to or higher than {@code b}; missing parts are 0. */
    public static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = new java.math.BigInteger(part(x, i)).compareTo(new java.math.BigInteger(part(y, i)));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String part(String[] parts, int i) {
        if (i >= parts.length) {
            return "0";
        }
        String digits = parts[i].replaceAll("\\D.*$", "");
        return digits.isEmpty() ? "0" : digits;
    }
}
