package dev.suiteflow.events;

import java.util.List;

/**
 * One check of a built-in phase.
 *
 * @param kind        {@code file} or {@code directory} (structure: {@code target} is a path in the workspace),
 *                    {@code command} (dependencies: {@code target} is a program on PATH) or {@code service}
 *                    (dependencies: {@code target} is host:port that must accept a TCP connection)
 * @param target      what is checked
 * @param minVersion  for a command: the lowest acceptable version, compared number by number (e.g. 17, 3.6.3)
 * @param versionArgs for a command: the arguments that print its version ({@code --version} by default)
 * @param optional    a failed optional check is a warning, not a failure
 * @param hint        what a person should do when the check fails
 */
public record Check(
        String kind,
        String target,
        String minVersion,
        List<String> versionArgs,
        boolean optional,
        String hint) {
}
