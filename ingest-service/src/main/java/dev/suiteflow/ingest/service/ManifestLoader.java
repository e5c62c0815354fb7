package dev.suiteflow.ingest.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.suiteflow.events.ProjectManifest;
import dev.suiteflow.ingest.config.IngestConfig;
import dev.suiteflow.support.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Registers the manifest files named by {@code suiteflow.ingest.manifests} at start-up. A file that is not a valid
 * manifest is logged with every field error and skipped; the others are registered.
 */
@ApplicationScoped
public class ManifestLoader {

    static final long MAX_MANIFEST_BYTES = 256 * 1024;

    /** One manifest file, read. */
    record ManifestFile(Path path, ProjectManifest manifest) {
    }

    private final IngestConfig config;
    private final ProjectService projects;

    public ManifestLoader(IngestConfig config, ProjectService projects) {
        this.config = config;
        this.projects = projects;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        List<ManifestFile> files = read();
        List<String> registered = new ArrayList<>();
        for (ManifestFile file : files) {
            try {
                ProjectService.Registered r = VertxContextSupport.subscribeAndAwait(() -> projects.register(
                        file.manifest(), null, null, "file:" + file.path()));
                registered.add(r.tenant() + "/" + r.project() + "@" + r.revision());
            } catch (ProblemException e) {
                Log.errorf("Manifest %s was not registered: %s%s", file.path(), e.getMessage(),
                        e.errors().isEmpty() ? "" : " " + e.errors());
            }
        }
        Log.infof("Projects from manifest files: %s", registered);
    }

    List<ManifestFile> read() {
        List<ManifestFile> result = new ArrayList<>();
        for (String location : config.manifests()) {
            Path path = Path.of(location.trim());
            if (!Files.exists(path)) {
                Log.warnf("Manifest location %s does not exist (working directory %s); skipped", path,
                        Path.of("").toAbsolutePath());
                continue;
            }
            try (Stream<Path> files = Files.isDirectory(path) ? Files.list(path) : Stream.of(path)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                        readOne(file).ifPresent(result::add);
                    }
                }
            } catch (IOException e) {
                Log.errorf("Cannot read manifests in %s: %s", path, e.getMessage());
            }
        }
        return result;
    }

    private java.util.Optional<ManifestFile> readOne(Path file) {
        try {
            if (Files.size(file) > MAX_MANIFEST_BYTES) {
                Log.errorf("Manifest %s is larger than %d bytes; skipped", file, MAX_MANIFEST_BYTES);
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new ManifestFile(file, projects.parse(Files.readString(file,
                    StandardCharsets.UTF_8))));
        } catch (ProblemException e) {
            Log.errorf("Manifest %s cannot be read: %s", file, e.errors());
        } catch (IOException e) {
            Log.errorf("Manifest %s cannot be read: %s", file, e.getMessage());
        }
        return java.util.Optional.empty();
    }
}
