package dev.suiteflow.devstack;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** Small helpers around processes, pid files, ports and logs (Linux: reads {@code /proc}). */
public final class Procs {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private Procs() {
    }

    /** Output and exit code of a finished command. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** True when something accepts TCP connections on {@code host:port}. */
    public static boolean accepting(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when this JVM runs as root (uid 0). */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).trim().split("\\s+")[0].equals("0");
                }
            }
        } catch (IOException e) {
            // not Linux: fall through
        }
        return "root".equals(System.getProperty("user.name"));
    }

    /** The first executable named {@code name} on the PATH. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs a command to completion, its stdout and stderr merged; {@code stdin} is written to it (or nothing).
     * Throws when it does not finish in time.
     */
    public static Result run(List<String> command, String stdin, Map<String, String> env, Duration timeout) {
        Path out = null;
        try {
            out = Files.createTempFile("suiteflow-cmd", ".out");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().putAll(env);
            if (stdin == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            Process process = pb.start();
            if (stdin != null) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), Files.readString(out));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
    }

    /**
     * Starts a long-running process detached from us: its own session (so a Ctrl-C in the terminal reaches only
     * the launcher, which then stops it in order), stdin from /dev/null, stdout and stderr to {@code log}
     * (truncated). Nothing of ours is inherited, so it never holds our output open.
     */
    public static Process spawn(List<String> command, Path cwd, Path log, Map<String, String> env) {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // Not a process group leader, so setsid(1) execs in place: the pid we get is the JVM's pid.
            full.add(SETSID.toString());
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full)
                .directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + String.join(" ", command), e);
        }
    }

    /**
     * Stops a process: SIGTERM, up to {@code grace} to exit, then SIGKILL. Returns true when it had to be killed.
     */
    public static boolean stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return false;
        }
        process.destroy();
        if (waitForExit(process, grace)) {
            return false;
        }
        process.destroyForcibly();
        waitForExit(process, Duration.ofSeconds(10));
        return true;
    }

    /** Waits up to {@code timeout} for the process to exit; true when it did. */
    public static boolean waitForExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !process.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** The pid recorded in {@code pidFile}, if the file exists and holds a number. */
    public static OptionalLong readPid(Path pidFile) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (NoSuchFileException | NumberFormatException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pidFile, e);
        }
    }

    /** Writes {@code pid} to {@code pidFile}. */
    public static void writePid(Path pidFile, long pid) {
        try {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, pid + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + pidFile, e);
        }
    }

    /** Deletes {@code pidFile} if it exists. */
    public static void deletePid(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + pidFile, e);
        }
    }

    /**
     * The live process whose pid is in {@code pidFile} and whose command line contains {@code marker} (so that a
     * pid reused by an unrelated process is never taken for ours).
     */
    public static Optional<ProcessHandle> livePid(Path pidFile, String marker) {
        OptionalLong pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid.getAsLong())
                .filter(ProcessHandle::isAlive)
                .filter(h -> cmdline(h.pid()).contains(marker));
    }

    /** {@code /proc/<pid>/cmdline} with its NUL separators turned into spaces; empty when unreadable. */
    public static String cmdline(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Resident memory of a process in MB, from {@code VmRSS} in {@code /proc/<pid>/status}. */
    public static OptionalLong rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kb = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                    return OptionalLong.of(Math.round(kb / 1024.0));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or not Linux
        }
        return OptionalLong.empty();
    }

    /** The last {@code lines} lines of a log file (empty when it does not exist). */
    public static List<String> tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            // a log with bytes that are not UTF-8: read it leniently
            try {
                String text = new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
                List<String> all = text.lines().toList();
                return all.subList(Math.max(0, all.size() - lines), all.size());
            } catch (IOException e2) {
                return List.of("(cannot read " + log + ": " + e2.getMessage() + ")");
            }
        }
    }

    /** The tail of a log, each line indented, ready to append to an error message. */
    public static String tailText(Path log, int lines) {
        List<String> tail = tail(log, lines);
        if (tail.isEmpty()) {
            return "    (the log " + log + " is empty)";
        }
        StringBuilder text = new StringBuilder();
        for (String line : tail) {
            text.append("    | ").append(line).append('\n');
        }
        return text.toString().stripTrailing();
    }

    /**
     * The pid of the process listening on TCP {@code port} (any address), found through {@code /proc/net/tcp*}
     * and the socket links under {@code /proc/<pid>/fd}. Only processes we may inspect are found (all of them as
     * root).
     */
    public static OptionalLong listenerPid(int port) {
        String inode = listeningInode(port);
        if (inode == null) {
            return OptionalLong.empty();
        }
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> isNumber(p))) {
            for (Path proc : procs) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (Files.readSymbolicLink(fd).toString().equals(target)) {
                                return OptionalLong.of(Long.parseLong(proc.getFileName().toString()));
                            }
                        } catch (IOException e) {
                            // fd closed meanwhile
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // not ours to inspect, or gone
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private static boolean isNumber(Path p) {
        String name = p.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private static String listeningInode(int port) {
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                    if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                        return f[9];
                    }
                }
            } catch (IOException e) {
                // no IPv6, or not Linux
            }
        }
        return null;
    }
}
