package dev.suiteflow.ingest.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.suiteflow.ingest.Project;
import dev.suiteflow.ingest.config.IngestConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Reads the registered project manifests at start-up and records, per project, the phases requests may
 * ask for. Only the header of a manifest matters here; the planner reads the rest.
 */
@ApplicationScoped
public class ManifestLoader {

    private static final long MAX_MANIFEST_BYTES = 1_000_000;

    /** The part of a manifest ingest needs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Header(String project, String tenant, Integer revision, Map<String, Object> phases) {
    }

    private final IngestConfig config;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final ObjectMapper json;

    public ManifestLoader(IngestConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        List<Header> headers = read();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> upsertAll(headers)));
        Log.infof("Registered %d project(s) from manifests: %s", headers.size(),
                headers.stream().map(h -> h.tenant() + "/" + h.project()).toList());
    }

    List<Header> read() {
        List<Header> headers = new ArrayList<>();
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
                        readOne(file, headers);
                    }
                }
            } catch (IOException e) {
                Log.errorf("Cannot read manifests in %s: %s", path, e.getMessage());
            }
        }
        return headers;
    }

    private void readOne(Path file, List<Header> headers) {
        try {
            if (Files.size(file) > MAX_MANIFEST_BYTES) {
                Log.errorf("Manifest %s is larger than %d bytes; skipped", file, MAX_MANIFEST_BYTES);
                return;
            }
            Header header = yaml.readValue(file.toFile(), Header.class);
            if (header.project() == null || header.tenant() == null || header.phases() == null) {
                Log.errorf("Manifest %s needs project, tenant and phases; skipped", file);
                return;
            }
            headers.add(header);
        } catch (IOException e) {
            Log.errorf("Manifest %s is not valid YAML (%s); skipped", file, e.getMessage());
        }
    }

    private Uni<Void> upsertAll(List<Header> headers) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Header header : headers) {
            chain = chain.chain(() -> upsert(header));
        }
        return chain;
    }

    private Uni<Void> upsert(Header header) {
        String key = Project.key(header.tenant(), header.project());
        return Project.<Project>findById(key).chain(found -> {
            Project project = found != null ? found : new Project();
            project.key = key;
            project.tenant = header.tenant();
            project.id = header.project();
            project.manifestRevision = header.revision() == null ? 1 : header.revision();
            project.updatedAt = Instant.now();
            try {
                project.phases = json.writeValueAsString(List.copyOf(header.phases().keySet()));
            } catch (IOException e) {
                return Uni.createFrom().failure(e);
            }
            return found != null ? Uni.createFrom().voidItem() : project.persist().replaceWithVoid();
        });
    }
}
