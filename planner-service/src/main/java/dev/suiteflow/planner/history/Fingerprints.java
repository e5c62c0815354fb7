package dev.suiteflow.planner.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import dev.suiteflow.events.TestResult;

/**
 * A failure's fingerprint: the same failure twice gives the same fingerprint even when numbers, object ids or line
 * numbers in its message differ; a different assertion or exception gives another. It digests the exception type,
 * the message's first line with numbers and hex ids masked, and the top stack frame without its line number.
 */
public final class Fingerprints {

    private static final Pattern HEX_ID = Pattern.compile("@[0-9a-fA-F]{4,}|0x[0-9a-fA-F]+");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern FRAME = Pattern.compile("^\\s*at\\s+([^(\\s]+)");

    private Fingerprints() {
    }

    /** Null for a test that passed or was skipped. */
    public static String of(TestResult test) {
        if (!"failed".equals(test.status()) && !"errored".equals(test.status())) {
            return null;
        }
        String stack = test.stackTrace() == null ? "" : test.stackTrace();
        String[] lines = stack.split("\\R");
        String type = "";
        String frame = "";
        if (lines.length > 0 && !lines[0].isBlank()) {
            String first = lines[0].strip();
            int colon = first.indexOf(':');
            type = colon < 0 ? first : first.substring(0, colon);
        }
        for (String line : lines) {
            var m = FRAME.matcher(line);
            if (m.find()) {
                frame = m.group(1);
                break;
            }
        }
        String message = test.message() == null ? "" : test.message().lines().findFirst().orElse("");
        String normalised = SPACE.matcher(NUMBER.matcher(HEX_ID.matcher(message).replaceAll("@#"))
                .replaceAll("#")).replaceAll(" ").strip();
        return digest(test.status() + "\n" + type + "\n" + normalised + "\n" + frame);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
