package dev.suiteflow.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmark phase's command the way an executor worker does (see executor-service CommandRunner), minus
 * the platform: {@link ProcessBuilder} with the argument list, an explicit environment (PATH, HOME, LANG),
 * stdin from /dev/null, stdout and stderr drained on pump threads, wait, kill descendants left behind. No
 * workspace copy, no database, no Kafka: this is the time the command itself needs.
 */
final class DirectRun {

    private static final ExecutorService PUMPS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-direct-pump");
        t.setDaemon(true);
        return t;
    });

    private final List<String> command;
    private final Path dir;
    private final Map<String, String> env;

    DirectRun(List<String> command, Path dir) {
        this.command = command;
        this.dir = dir;
        Map<String, String> e = new java.util.HashMap<>();
        for (String name : List.of("PATH", "HOME", "LANG", "JAVA_HOME")) {
            String v = System.getenv(name);
            if (v != null) {
                e.put(name, v);
            }
        }
        this.env = Map.copyOf(e);
    }

    /** Nanoseconds to run the command {@code k} times, one after the other. */
    long runTimes(int k) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        for (int i = 0; i < k; i++) {
            runOnce();
        }
        return System.nanoTime() - t0;
    }

    /** Runs the command once; fails unless it exits 0. */
    void runOnce() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        Future<?> out = PUMPS.submit(() -> drain(process.getInputStream()));
        Future<?> err = PUMPS.submit(() -> drain(process.getErrorStream()));
        int exit = process.waitFor();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        try {
            out.get(2, TimeUnit.SECONDS);
            err.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            out.cancel(true);
            err.cancel(true);
        }
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + exit);
        }
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            while (in.read(buffer) >= 0) {
                // discard: the worker batches lines into PhaseLog events, the benchmark command prints nothing
            }
        } catch (IOException e) {
            // closed under us
        }
    }
}
