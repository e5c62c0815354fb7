package dev.suiteflow.selector.testmap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The runtime of a test-map recording, copied next to the instrumented classes: every instrumented method starts
 * with {@code Hits.HIT[id] = true}, and the code of each source line (where a line begins, and at every jump target
 * and exception handler) with {@code Hits.LINE[id] = true}. When the JVM exits, the ids of the methods entered are
 * written, one per line, to the file named by {@value #OUT}, then the ids of the lines run, each as {@code l<id>}.
 * Depends on {@code java.base} only: it runs inside the project's test JVM.
 */
public final class Hits {

    /** System property: how many methods were instrumented (the array's size). */
    public static final String METHODS = "suiteflow.testmap.methods";
    /** System property: how many line probes there are (the second array's size). */
    public static final String LINES = "suiteflow.testmap.lines";
    /** System property: where to write the ids of the entered methods on exit. */
    public static final String OUT = "suiteflow.testmap.out";

    public static final boolean[] HIT = new boolean[Integer.getInteger(METHODS, 0)];
    public static final boolean[] LINE = new boolean[Integer.getInteger(LINES, 0)];

    static {
        String out = System.getProperty(OUT);
        if (out != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> write(Path.of(out)), "suiteflow-testmap"));
        }
    }

    private Hits() {
    }

    static void write(Path out) {
        StringBuilder sb = new StringBuilder();
        boolean[] hit = HIT;
        for (int i = 0; i < hit.length; i++) {
            if (hit[i]) {
                sb.append(i).append('\n');
            }
        }
        boolean[] line = LINE;
        for (int i = 0; i < line.length; i++) {
            if (line[i]) {
                sb.append('l').append(i).append('\n');
            }
        }
        try {
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.US_ASCII);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
