package dev.suiteflow.executor.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

import dev.suiteflow.events.PhaseLog;

/**
 * Groups output lines into batches: a batch is handed to the sink when it holds {@code maxLines} lines or when its
 * first line is {@code maxDelayMs} old, whichever comes first. Numbers batches and lines from 0, and keeps the last
 * lines for the completion's log excerpt. Thread-safe: stdout and stderr pumps add concurrently, and the sink is
 * called under the lock so batches leave in order.
 */
public final class LogBatcher {

    /** One batch: its number, the number of its first line and the lines. */
    public record Batch(long batch, long firstLine, List<PhaseLog.Line> lines) {
    }

    private final int maxLines;
    private final long maxDelayMs;
    private final int tailLines;
    private final Consumer<Batch> sink;
    private final Deque<String> tail = new ArrayDeque<>();
    private List<PhaseLog.Line> pending = new ArrayList<>();
    private long pendingSince;
    private long nextBatch;
    private long nextLine;
    private long pendingFirstLine;

    public LogBatcher(int maxLines, long maxDelayMs, int tailLines, Consumer<Batch> sink) {
        this.maxLines = maxLines;
        this.maxDelayMs = maxDelayMs;
        this.tailLines = tailLines;
        this.sink = sink;
    }

    /** Adds a line seen at {@code nowMs}; hands over a full batch at once. */
    public synchronized void add(String stream, String text, long nowMs) {
        if (pending.isEmpty()) {
            pendingSince = nowMs;
            pendingFirstLine = nextLine;
        }
        pending.add(new PhaseLog.Line(stream, text));
        nextLine++;
        tail.addLast(text);
        while (tail.size() > tailLines) {
            tail.removeFirst();
        }
        if (pending.size() >= maxLines) {
            flush();
        }
    }

    /** Hands over the pending batch if its first line waited {@code maxDelayMs}. */
    public synchronized void flushIfDue(long nowMs) {
        if (!pending.isEmpty() && nowMs - pendingSince >= maxDelayMs) {
            flush();
        }
    }

    /** Milliseconds until the pending batch is due ({@code maxDelayMs} when nothing is pending). */
    public synchronized long dueInMs(long nowMs) {
        return pending.isEmpty() ? maxDelayMs : Math.max(0, pendingSince + maxDelayMs - nowMs);
    }

    /** Hands over whatever is pending. */
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Batch batch = new Batch(nextBatch++, pendingFirstLine, List.copyOf(pending));
        pending = new ArrayList<>();
        sink.accept(batch);
    }

    /** The last lines seen (at most {@code tailLines}), oldest first. */
    public synchronized List<String> tail() {
        return List.copyOf(tail);
    }

    /** Lines seen so far. */
    public synchronized long lines() {
        return nextLine;
    }
}
