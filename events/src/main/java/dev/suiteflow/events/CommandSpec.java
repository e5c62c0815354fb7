package dev.suiteflow.events;

import java.util.List;
import java.util.Map;

/**
 * A command resolved from the project's registered manifest; never from a request.
 *
 * @param builtin     {@code structure} or {@code dependencies} for the built-in phases that run no command
 * @param args        the argument list (no shell), selected tests already passed through the manifest's
 *                    subset template as separate arguments
 * @param workspace   the project's workspace (local directory or git URL), copied per run
 * @param ref         git ref when the workspace is a repository
 * @param workingDir  directory inside the workspace to run in
 * @param env         environment variables passed (from the manifest's allow-list)
 * @param reportGlobs JUnit-XML report globs, relative to the working directory
 * @param envPass     names of variables the worker passes through from its own environment
 * @param checks      for a built-in phase: what it checks (paths for structure; commands and services for
 *                    dependencies); empty otherwise
 */
public record CommandSpec(
        String builtin,
        List<String> args,
        String workspace,
        String ref,
        String workingDir,
        Map<String, String> env,
        List<String> reportGlobs,
        List<String> envPass,
        List<Check> checks) {
}
