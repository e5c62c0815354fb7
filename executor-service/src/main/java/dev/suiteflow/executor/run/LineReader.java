package dev.suiteflow.executor.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Reads UTF-8 text line by line (malformed bytes replaced), cutting lines longer than a limit. */
public final class LineReader {

    /** Longest line kept, in characters; the rest of a longer line is dropped and marked. */
    public static final int MAX_LINE = 4096;

    private LineReader() {
    }

    /** Reads {@code in} to its end, handing each line (without its terminator) to {@code sink}. */
    public static void pump(InputStream in, int maxLine, Consumer<String> sink) throws IOException {
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            StringBuilder line = new StringBuilder();
            boolean cut = false;
            boolean lastWasCr = false;
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c == '\n' || c == '\r') {
                        if (c == '\n' && lastWasCr) {
                            lastWasCr = false;
                            continue;
                        }
                        lastWasCr = c == '\r';
                        sink.accept(clean(cut ? line + " …[cut]" : line.toString()));
                        line.setLength(0);
                        cut = false;
                        continue;
                    }
                    lastWasCr = false;
                    if (line.length() < maxLine) {
                        line.append(c);
                    } else {
                        cut = true;
                    }
                }
            }
            if (line.length() > 0 || cut) {
                sink.accept(clean(cut ? line + " …[cut]" : line.toString()));
            }
        }
    }

    /** Drops terminal colour codes: a log is read in a browser or a file, not a terminal. */
    static String clean(String line) {
        return line.indexOf('\u001B') < 0 ? line : Versions.ANSI.matcher(line).replaceAll("");
    }
}
