package dev.suiteflow.selector.bench;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.tools.ToolProvider;

import dev.suiteflow.selector.Selection;
import dev.suiteflow.selector.SelectionRequest;
import dev.suiteflow.selector.Selector;

/**
 * Plan time at method level on a built git checkout, not a test: alternately applies two edits to one main
 * file (each round's text made new by a comment line of its own at the end), compiles that file into {@code target/classes} (not timed), and times a plan of the new change and a
 * re-plan of the same change, in one warm {@link Selector}. Restores the file at the end.
 *
 * <pre>
 * java -cp 'selector/target/classes:selector/target/lib/*' dev.suiteflow.selector.bench.MethodLevelTiming \
 *      WORKSPACE src/main/java/x/Foo.java 'old text=>new text' 'other old=>other new' CLASSPATH [ROUNDS]
 * </pre>
 * CLASSPATH: what the file needs to compile besides {@code target/classes}. Prints one line per round and the
 * medians (the first round, cold, left out).
 */
public final class MethodLevelTiming {

    private MethodLevelTiming() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: MethodLevelTiming WORKSPACE FILE 'FROM=>TO' 'FROM=>TO' CLASSPATH [ROUNDS]");
            System.exit(2);
        }
        Path ws = Path.of(args[0]).toAbsolutePath();
        String rel = args[1];
        String[][] edits = {args[2].split("=>", 2), args[3].split("=>", 2)};
        String classpath = args[4];
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 12;
        Path file = ws.resolve(rel);
        String original = Files.readString(file);
        for (String[] e : edits) {
            if (e.length != 2 || !original.contains(e[0])) {
                System.err.println("the file does not contain the text to replace: " + e[0]);
                System.exit(2);
            }
        }
        Selector selector = new Selector(null, true);
        List<Long> fresh = new ArrayList<>();
        List<Long> again = new ArrayList<>();
        try {
            for (int i = 0; i < rounds; i++) {
                String[] e = edits[i % 2];
                // a comment unique to the round: every round's text is new (nothing parsed before), the
                // changed methods are the edit's
                Files.writeString(file, original.replace(e[0], e[1]) + "\n// round " + (i + 1) + "\n");
                ByteArrayOutputStream errors = new ByteArrayOutputStream();
                int rc = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "-nowarn", "-proc:none",
                        "-d", ws.resolve("target/classes").toString(),
                        "-cp", ws.resolve("target/classes") + File.pathSeparator + classpath, file.toString());
                if (rc != 0) {
                    throw new IllegalStateException("javac failed: " + errors);
                }
                long t0 = System.nanoTime();
                Selection s = selector.plan(SelectionRequest.safe(ws, List.of(rel)));
                long t1 = System.nanoTime();
                selector.plan(SelectionRequest.safe(ws, List.of(rel)));
                long t2 = System.nanoTime();
                long newMs = (t1 - t0) / 1_000_000;
                long sameMs = (t2 - t1) / 1_000_000;
                System.out.printf("round %2d: new change %5d ms, same change again %4d ms; %s%n", i + 1, newMs,
                        sameMs, s.why());
                if (i > 0) {
                    fresh.add(newMs);
                    again.add(sameMs);
                }
            }
        } finally {
            Files.writeString(file, original);
        }
        Collections.sort(fresh);
        Collections.sort(again);
        if (!fresh.isEmpty()) {
            System.out.printf("median of rounds 2-%d: new change %d ms, same change again %d ms%n", rounds,
                    fresh.get(fresh.size() / 2), again.get(again.size() / 2));
        }
    }
}
