package dev.suiteflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcsTest {

    @TempDir
    Path dir;

    @Test
    void findsTheProcessListeningOnAPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(Procs.accepting("127.0.0.1", socket.getLocalPort())).isTrue();
            assertThat(Procs.listenerPid(socket.getLocalPort())).hasValue(ProcessHandle.current().pid());
        }
    }

    @Test
    void readsResidentMemoryAndCommandLineFromProc() {
        long self = ProcessHandle.current().pid();

        assertThat(Procs.rssMb(self).orElse(0)).isPositive();
        assertThat(Procs.cmdline(self)).contains("java");
        assertThat(Procs.rssMb(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void tailGivesTheLastLinesOfALog() throws IOException {
        Path log = dir.resolve("x.log");
        Files.writeString(log, IntStream.rangeClosed(1, 50).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n")));

        assertThat(Procs.tail(log, 3)).containsExactly("line 48", "line 49", "line 50");
        assertThat(Procs.tail(dir.resolve("missing.log"), 3)).isEmpty();
    }

    @Test
    void pidFilesRoundTrip() {
        Path pidFile = dir.resolve("pids/a.pid");

        Procs.writePid(pidFile, 4242);

        assertThat(Procs.readPid(pidFile)).hasValue(4242);
        Procs.deletePid(pidFile);
        assertThat(Procs.readPid(pidFile)).isEmpty();
    }
}
