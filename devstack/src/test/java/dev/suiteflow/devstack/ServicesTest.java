package dev.suiteflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service launcher, against tiny fake services (a jar with {@link FakeService}) on free ports. */
class ServicesTest {

    @TempDir
    Path root;

    private RunDir run;
    private final List<String> said = new ArrayList<>();
    private final List<Services> toStop = new ArrayList<>();

    @BeforeEach
    void setUp() {
        run = new RunDir(root, root.resolve(".run"));
    }

    @AfterEach
    void stopLeftovers() {
        toStop.forEach(Services::stopAll);
    }

    @Test
    void startsEachServiceFromItsJarAndWaitsUntilItIsReady() throws IOException {
        Services services = fakes(Map.of("alpha", "ready", "beta", "ready"), Duration.ofSeconds(30));

        List<Services.Started> started = services.start(s -> { });

        assertThat(started).hasSize(2).allMatch(Services.Started::startedHere)
                .allMatch(s -> s.process().isAlive());
        for (Services.Started s : started) {
            assertThat(Procs.readPid(services.pidFile(s.service()))).hasValue(s.process().pid());
            assertThat(Procs.cmdline(s.process().pid())).contains("-Xmx256m", "-jar", s.service().jar());
            assertThat(Files.readString(services.logFile(s.service()))).contains("fake service starting");
        }
        assertThat(said).anyMatch(line -> line.startsWith("alpha: ready on http://127.0.0.1:"));
    }

    @Test
    void reusesAServiceThatAnEarlierCommandStarted() throws IOException {
        Services services = fakes(Map.of("alpha", "ready"), Duration.ofSeconds(30));
        long first = services.start(s -> { }).get(0).process().pid();

        List<Services.Started> again = services.start(s -> { });

        assertThat(again.get(0).startedHere()).isFalse();
        assertThat(again.get(0).process().pid()).isEqualTo(first);
    }

    @Test
    void statusReportsStatePidPortAndMemory() throws IOException {
        Services services = fakes(Map.of("alpha", "ready", "beta", "unready"), Duration.ofSeconds(2));
        assertThatThrownBy(() -> services.start(s -> { })).hasMessageContaining("Not ready within 2 s: beta");

        List<Services.Status> status = services.status();

        assertThat(status).extracting(Services.Status::name, Services.Status::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha", "up"),
                        org.assertj.core.groups.Tuple.tuple("beta", "not ready"));
        assertThat(status.get(0).pid()).isPresent();
        assertThat(status.get(0).rssMb()).hasValueSatisfying(mb -> assertThat(mb).isPositive());
        services.stopAll();
        assertThat(services.status()).allMatch(s -> s.state().equals("down") && s.pid().isEmpty());
    }

    @Test
    void failsNamingTheServiceThatExitsWithTheTailOfItsLog() throws IOException {
        Services services = fakes(Map.of("alpha", "ready", "beta", "exit"), Duration.ofSeconds(30));

        assertThatThrownBy(() -> services.start(s -> { }))
                .hasMessageContaining("beta exited while starting")
                .hasMessageContaining(".run/logs/beta.log")
                .hasMessageContaining("fake service giving up: no database");
    }

    @Test
    void stopAllStopsRecordedServicesAndRemovesTheirPidFiles() throws IOException {
        Services services = fakes(Map.of("alpha", "ready", "beta", "ready"), Duration.ofSeconds(30));
        List<Services.Started> started = services.start(s -> { });

        List<String> stopped = services.stopAll();

        assertThat(stopped).hasSize(2);
        assertThat(started).noneMatch(s -> s.process().isAlive());
        assertThat(started).allMatch(s -> !Files.exists(services.pidFile(s.service())));
        assertThat(services.stopAll()).isEmpty();
    }

    @Test
    void neverStopsAProcessWhosePidFileNoLongerPointsAtTheService() throws Exception {
        Services services = fakes(Map.of("alpha", "ready"), Duration.ofSeconds(30));
        Process stranger = new ProcessBuilder("sleep", "60").start();
        try {
            Procs.writePid(services.pidFile(services.services().get(0)), stranger.pid());

            assertThat(services.stopAll()).isEmpty();
            assertThat(stranger.isAlive()).isTrue();
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void refusesToStartWhenAJarIsMissing() {
        Services services = new Services(run, List.of(new Services.Service("ghost", 1)), Map.of(),
                Duration.ofSeconds(1), said::add);

        assertThatThrownBy(() -> services.start(s -> { }))
                .hasMessageContaining("ghost/target/quarkus-app/quarkus-run.jar")
                .hasMessageContaining("./mvnw install -DskipTests");
    }

    /** Fake services named like the keys, each in its mode, each with its jar at the standard place. */
    private Services fakes(Map<String, String> modes, Duration readyTimeout) throws IOException {
        List<Services.Service> list = new ArrayList<>();
        Map<String, List<String>> extra = new java.util.HashMap<>();
        for (String name : new java.util.TreeSet<>(modes.keySet())) {
            Services.Service service = new Services.Service(name, freePort());
            writeFakeJar(root.resolve(service.jar()));
            list.add(service);
            extra.put(name, List.of("-Dfake.port=" + service.port(), "-Dfake.mode=" + modes.get(name)));
        }
        Services services = new Services(run, list, extra, readyTimeout, said::add);
        toStop.add(services);
        return services;
    }

    private static void writeFakeJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream in = FakeService.class.getResourceAsStream("/" + entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theGatewayGetsTheDemoKeysUnlessTheEnvironmentSetsItsOwn() {
        assertThat(Services.gatewayKeys(Map.of()))
                .containsExactly("-Dsuiteflow.gateway.bootstrap-keys=" + Services.DEMO_KEYS);
        assertThat(Services.DEMO_KEYS).contains(Main.DEMO_KEY + ":demo:operator");
        assertThat(Services.gatewayKeys(Map.of("SUITEFLOW_GATEWAY_BOOTSTRAP_KEYS", "k:acme:viewer"))).isEmpty();
        assertThat(Services.standard(run, line -> { }).command(Services.ALL.get(0)))
                .contains("-Dsuiteflow.gateway.bootstrap-keys=" + Services.DEMO_KEYS);
    }

    @Test
    void onlyThePlannerCompilesHugeMethods() {
        Services services = Services.standard(run, line -> { });
        for (Services.Service s : Services.ALL) {
            assertThat(services.command(s)).containsSubsequence(Services.JVM_OPTIONS);
            if (s.name().equals("planner-service")) {
                assertThat(services.command(s)).contains("-XX:-DontCompileHugeMethods");
            } else {
                assertThat(services.command(s)).doesNotContain("-XX:-DontCompileHugeMethods");
            }
        }
    }
}
