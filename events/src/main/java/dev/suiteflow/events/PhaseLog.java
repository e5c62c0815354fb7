package dev.suiteflow.events;

import java.time.Instant;
import java.util.List;

/**
 * A batch of output lines of a running phase.
 *
 * @param batch     sequence number of this batch within the attempt, from 0
 * @param firstLine number of the batch's first line within the attempt's output, from 0
 */
public record PhaseLog(
        String suiteId,
        String tenant,
        String phaseRunId,
        String phase,
        int attempt,
        long batch,
        long firstLine,
        List<Line> lines,
        Instant at) implements SuiteEvent {

    /** One output line; {@code stream} is {@code stdout} or {@code stderr}. */
    public record Line(String stream, String text) {
    }
}
