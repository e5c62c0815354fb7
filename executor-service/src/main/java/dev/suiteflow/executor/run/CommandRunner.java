package dev.suiteflow.executor.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one command: an argument list through {@link ProcessBuilder} (never a shell) with an explicit environment,
 * stdout and stderr streamed line by line into a {@link LogBatcher}, a time limit after which the whole process
 * tree is killed, and a {@link CancelToken} that kills it on demand.
 */
public final class CommandRunner {

    /**
     * How the command ended.
     *
     * @param exitCode null when it was killed
     * @param timedOut killed because it ran past its time limit
     * @param cancelled killed through the token
     * @param pid      the process id (for diagnostics and tests)
     */
    public record Result(Integer exitCode, boolean timedOut, boolean cancelled, long durationMs, long pid) {
    }

    private static final AtomicInteger PUMPS = new AtomicInteger();
    private static final ExecutorService PUMP_THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "executor-output-" + PUMPS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private CommandRunner() {
    }

    /**
     * Runs the command and waits for it.
     *
     * @throws IOException when the process cannot be started (program missing, not executable)
     */
    public static Result run(List<String> args, Path dir, Map<String, String> env, Duration timeout,
            CancelToken token, LogBatcher log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(args).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        long started = System.nanoTime();
        Process process = builder.start();
        token.attach(process);
        Future<?> out = PUMP_THREADS.submit(() -> pump(process.getInputStream(), "stdout", log));
        Future<?> err = PUMP_THREADS.submit(() -> pump(process.getErrorStream(), "stderr", log));
        long deadline = started + timeout.toNanos();
        boolean timedOut = false;
        try {
            while (true) {
                long now = System.nanoTime();
                long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - now);
                if (remainingMs <= 0) {
                    timedOut = !process.waitFor(0, TimeUnit.MILLISECONDS);
                    if (timedOut) {
                        ProcessTree.kill(process.toHandle());
                    }
                    break;
                }
                long slice = Math.max(1, Math.min(remainingMs, log.dueInMs(System.currentTimeMillis())));
                if (process.waitFor(slice, TimeUnit.MILLISECONDS)) {
                    break;
                }
                log.flushIfDue(System.currentTimeMillis());
            }
            process.waitFor();
        } catch (InterruptedException e) {
            ProcessTree.kill(process.toHandle());
            Thread.currentThread().interrupt();
        } finally {
            token.detach();
        }
        // Descendants that outlive the command (a background job) would hold the pipes open: they go too.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        awaitPump(out, process.getInputStream());
        awaitPump(err, process.getErrorStream());
        log.flush();
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        boolean cancelled = token.stopped() && !timedOut;
        Integer exit = null;
        if (!timedOut && !cancelled && !process.isAlive()) {
            exit = process.exitValue();
        }
        return new Result(exit, timedOut, cancelled, durationMs, process.pid());
    }

    private static void pump(InputStream in, String stream, LogBatcher log) {
        try {
            LineReader.pump(in, LineReader.MAX_LINE, line -> log.add(stream, line, System.currentTimeMillis()));
        } catch (IOException e) {
            // the stream was closed under us (process killed): nothing more to read
        }
    }

    private static void awaitPump(Future<?> pump, InputStream stream) {
        try {
            pump.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
            pump.cancel(true);
        }
    }
}
