package dev.suiteflow.gateway.rest;

import java.time.Instant;
import java.util.List;

/**
 * One page of a suite's log lines, in order of arrival.
 *
 * @param nextAfterLine pass it as {@code afterLine} for the next page (or to poll for new lines)
 * @param more          true when more lines were already stored after this page
 * @param dropped       lines of the suite not stored because the per-suite cap was reached
 */
public record LogPage(String suiteId, String phase, String phaseRunId, List<LogLine> lines, long nextAfterLine,
        boolean more, long dropped) {

    /**
     * A line: {@code n} is its number in the suite's stored log (the paging cursor), {@code line} its number in
     * the output of its attempt (from 0); {@code phaseRunId} the run (shard, plan revision) that wrote it.
     */
    public record LogLine(long n, String phase, String phaseRunId, int attempt, long line, String stream, String text,
            Instant at) {
    }
}
