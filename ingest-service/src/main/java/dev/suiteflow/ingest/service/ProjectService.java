package dev.suiteflow.ingest.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.suiteflow.events.FieldError;
import dev.suiteflow.events.ProjectManifest;
import dev.suiteflow.ingest.Project;
import dev.suiteflow.ingest.ProjectRevision;
import dev.suiteflow.support.problem.ProblemException;
import dev.suiteflow.support.problem.ProblemMappers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The project registry: manifests validated, stored with every revision, and looked up by requests. Manifests come
 * from files at start-up ({@link ManifestLoader}) and from {@code PUT /projects/{project}}.
 */
@ApplicationScoped
public class ProjectService {

    /** The outcome of a registration; {@code changed} is false when that very revision was already registered. */
    public record Registered(String project, String tenant, int revision, Instant registeredAt, boolean changed) {
    }

    /** YAML is a superset of JSON: one strict reader for both, that names unknown fields instead of ignoring them. */
    private final ObjectMapper reader = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);
    private final ObjectMapper json;

    public ProjectService(ObjectMapper json) {
        this.json = json;
    }

    /** Reads a manifest document (YAML or JSON); a document that cannot be read is a 400 with the field at fault. */
    public ProjectManifest parse(String document) {
        if (document == null || document.isBlank()) {
            throw ProblemException.validation(List.of(new FieldError("body",
                    "is required: send the manifest as YAML or JSON")));
        }
        try {
            ProjectManifest manifest = reader.readValue(document, ProjectManifest.class);
            if (manifest == null) {
                throw ProblemException.validation(List.of(new FieldError("body", "is empty")));
            }
            return manifest;
        } catch (UnrecognizedPropertyException e) {
            String at = ProblemMappers.jsonError(e).field();
            throw ProblemException.validation(List.of(new FieldError(at, "is not a manifest field; known here: "
                    + String.join(", ", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList())
                    + " (see docs/manifests.md)")));
        } catch (JsonProcessingException e) {
            FieldError error = ProblemMappers.jsonError(e);
            String message = "body".equals(error.field())
                    ? "is not valid YAML or JSON: " + Optional.ofNullable(e.getOriginalMessage()).orElse("")
                            .lines().findFirst().orElse("")
                    : error.message();
            throw ProblemException.validation(List.of(new FieldError(error.field(), message)));
        }
    }

    /**
     * Validates and stores a manifest. A higher revision replaces the current one; the same revision with the same
     * content changes nothing; a lower revision, or the same one with other content, is a conflict.
     *
     * @param tenant  the registering tenant (null for files, which name their own)
     * @param project the project id of the URL (null for files)
     * @param origin  {@code rest} or {@code file:<path>}
     */
    public Uni<Registered> register(ProjectManifest raw, String tenant, String project, String origin) {
        ManifestValidator.Result result = ManifestValidator.validate(raw, tenant, project);
        if (!result.valid()) {
            return Uni.createFrom().failure(ProblemException.validation(result.errors()));
        }
        ProjectManifest manifest = result.manifest();
        String text;
        try {
            text = json.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        String key = Project.key(manifest.tenant(), manifest.project());
        return Panache.withTransaction(() -> Project.<Project>findById(key).chain(found -> {
            Instant now = Instant.now();
            if (found != null && found.manifestRevision > manifest.revision()) {
                return Uni.createFrom().failure(ProblemException.conflict("Project " + manifest.project()
                        + " is at revision " + found.manifestRevision + "; revision " + manifest.revision()
                        + " is older. Raise revision above " + found.manifestRevision + "."));
            }
            if (found != null && found.manifestRevision == manifest.revision() && found.manifest != null) {
                if (sameContent(found.manifest, text)) {
                    return Uni.createFrom().item(new Registered(manifest.project(), manifest.tenant(),
                            manifest.revision(), found.updatedAt, false));
                }
                return Uni.createFrom().failure(ProblemException.conflict("Project " + manifest.project()
                        + " already has a different revision " + manifest.revision()
                        + ". Every change needs a higher revision: use " + (manifest.revision() + 1) + "."));
            }
            Project row = found != null ? found : new Project();
            row.key = key;
            row.tenant = manifest.tenant();
            row.id = manifest.project();
            row.manifestRevision = manifest.revision();
            row.manifest = text;
            row.updatedAt = now;
            try {
                row.phases = json.writeValueAsString(List.copyOf(manifest.phases().keySet()));
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
            ProjectRevision revision = new ProjectRevision();
            revision.tenant = manifest.tenant();
            revision.project = manifest.project();
            revision.revision = manifest.revision();
            revision.manifest = text;
            revision.origin = origin;
            revision.registeredAt = now;
            Uni<?> saveRow = found != null ? Uni.createFrom().voidItem() : row.persist();
            return saveRow.chain(revision::persist).invoke(() -> Log.infof(
                    "Registered project %s/%s at revision %d (%s)", manifest.tenant(), manifest.project(),
                    manifest.revision(), origin))
                    .replaceWith(new Registered(manifest.project(), manifest.tenant(), manifest.revision(), now,
                            true));
        }));
    }

    private boolean sameContent(String a, String b) {
        try {
            return json.readTree(a).equals(json.readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** The manifest of a stored project row. */
    public ProjectManifest manifestOf(Project project) {
        if (project.manifest == null) {
            throw new IllegalStateException("Project " + project.key + " has no stored manifest; register it again");
        }
        try {
            return json.readValue(project.manifest, ProjectManifest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Project " + project.key + " has an unreadable manifest", e);
        }
    }

    /** The tenant's projects, by id. */
    public Uni<List<ProjectManifest>> list(String tenant) {
        return Panache.withSession(() -> Project.<Project>list("tenant = ?1 order by id", tenant)).map(rows -> {
            List<ProjectManifest> result = new ArrayList<>();
            rows.stream().filter(p -> p.manifest != null).forEach(p -> result.add(manifestOf(p)));
            return result;
        });
    }

    /** One of the tenant's projects at its current revision, or 404. */
    public Uni<ProjectManifest> get(String tenant, String project) {
        return Panache.withSession(() -> Project.<Project>findById(Project.key(tenant, project))).map(row -> {
            if (row == null || row.manifest == null) {
                throw ProblemException.notFound("Project " + project);
            }
            return manifestOf(row);
        });
    }
}
