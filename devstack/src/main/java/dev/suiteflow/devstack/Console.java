package dev.suiteflow.devstack;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;

/**
 * What the launcher prints: short lines, each step with the seconds since the command started
 * ({@code [  3.2s] Kafka: ready}). The start is {@code SUITEFLOW_T0_MS} (set by ./suiteflow before it builds),
 * else this JVM's start.
 */
final class Console {

    private final long t0Millis;
    private final PrintStream out;
    private final PrintStream err;

    Console(long t0Millis, PrintStream out, PrintStream err) {
        this.t0Millis = t0Millis;
        this.out = out;
        this.err = err;
    }

    static Console standard() {
        long t0 = ManagementFactory.getRuntimeMXBean().getStartTime();
        String fromScript = System.getenv("SUITEFLOW_T0_MS");
        if (fromScript != null && fromScript.matches("\\d{13}")) {
            t0 = Long.parseLong(fromScript);
        }
        return new Console(t0, System.out, System.err);
    }

    /** Seconds since the command started. */
    double elapsed() {
        return (System.currentTimeMillis() - t0Millis) / 1000.0;
    }

    /** A step, with the time since the command started. */
    void step(String message) {
        out.println(stamp(elapsed()) + " " + message);
        out.flush();
    }

    /** A step with a time of its own clock. */
    void step(double seconds, String message) {
        out.println(stamp(seconds) + " " + message);
        out.flush();
    }

    void line(String message) {
        out.println(message);
        out.flush();
    }

    void error(String message) {
        out.flush();
        err.println(message);
        err.flush();
    }

    static String stamp(double seconds) {
        return String.format("[%5.1fs]", seconds);
    }
}
