package dev.suiteflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The runtime state of a local Suiteflow, under {@code <root>/.run/} (git-ignored): {@code logs/} (one log per
 * process), {@code pids/} (one pid file per process started by devstack) and {@code kafka/} (broker data).
 */
public record RunDir(Path root, Path dir) {

    /** The run directory of the repository found by {@link RepoRoot#find()}. */
    public static RunDir ofRepo() {
        Path root = RepoRoot.find();
        return new RunDir(root, root.resolve(".run"));
    }

    /** Folder of the process logs, created if missing. */
    public Path logs() {
        return mkdirs(dir.resolve("logs"));
    }

    /** Folder of the pid files, created if missing. */
    public Path pids() {
        return mkdirs(dir.resolve("pids"));
    }

    /** Data folder of the broker that {@code ./suiteflow up} starts. */
    public Path kafkaData() {
        return mkdirs(dir.resolve("kafka"));
    }

    /** {@code logs/<name>.log}. */
    public Path log(String name) {
        return logs().resolve(name + ".log");
    }

    /** {@code pids/<name>.pid}. */
    public Path pidFile(String name) {
        return pids().resolve(name + ".pid");
    }

    /** {@code path} relative to the repository root when it is inside it, for short messages. */
    public String show(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }

    private static Path mkdirs(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + path, e);
        }
    }
}
