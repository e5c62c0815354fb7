package dev.suiteflow.gateway.service;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.FieldError;
import dev.suiteflow.gateway.config.GatewayConfig;
import dev.suiteflow.gateway.security.Caller;
import dev.suiteflow.support.Failures;
import dev.suiteflow.support.problem.Problem;
import dev.suiteflow.support.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Project registration and reads, passed through to ingest-service on behalf of the caller's tenant (header
 * {@code X-Suiteflow-Tenant}, with the shared {@code X-Suiteflow-Token}). Ingest validates; its field errors come
 * back as 400, "revision not higher" as 409, an unknown project as 404; ingest down is 503 with Retry-After.
 */
@ApplicationScoped
public class ProjectService {

    /** An answer of ingest to pass on: status and JSON body. */
    public record Answer(int status, String body) {
    }

    private final IngestProjectsClient ingest;
    private final GatewayConfig config;
    private final ObjectMapper mapper;

    public ProjectService(@RestClient IngestProjectsClient ingest, GatewayConfig config, ObjectMapper mapper) {
        this.ingest = ingest;
        this.config = config;
        this.mapper = mapper;
    }

    public Uni<Answer> register(Caller caller, String project, String contentType, String manifest) {
        if (manifest == null || manifest.isBlank()) {
            return Uni.createFrom().failure(ProblemException.validation(List.of(
                    new FieldError("body", "is required: send the manifest as JSON or YAML"))));
        }
        int bytes = manifest.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > config.projects().maxManifestBytes()) {
            return Uni.createFrom().failure(new ProblemException(413, "payload-too-large", "Request body too large",
                    "The manifest has " + bytes + " bytes; the limit is " + config.projects().maxManifestBytes()
                            + " bytes", null, null));
        }
        String token = token();
        Uni<Response> call = isYaml(contentType)
                ? ingest.registerYaml(project, caller.tenant(), token, manifest)
                : ingest.registerJson(project, caller.tenant(), token, manifest);
        return pass(call, "Project " + project);
    }

    public Uni<Answer> list(Caller caller) {
        return pass(ingest.list(caller.tenant(), token()), "Projects");
    }

    public Uni<Answer> get(Caller caller, String project) {
        return pass(ingest.get(project, caller.tenant(), token()), "Project " + project);
    }

    static boolean isYaml(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase();
        return type.contains("yaml");
    }

    private String token() {
        return config.internalToken().orElse("");
    }

    private Uni<Answer> pass(Uni<Response> call, String what) {
        return call.map(response -> {
            try (response) {
                return new Answer(response.getStatus(), response.hasEntity() ? response.readEntity(String.class)
                        : null);
            }
        }).onFailure().transform(failure -> translate(failure, what));
    }

    private Throwable translate(Throwable failure, String what) {
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            Problem problem = readProblem(web.getResponse());
            String detail = problem != null && problem.detail() != null ? problem.detail() : null;
            switch (status) {
                case 400:
                    return ProblemException.validation(problem != null && problem.errors() != null
                            && !problem.errors().isEmpty() ? problem.errors()
                                    : List.of(new FieldError("body", detail != null ? detail : "is not valid")));
                case 404:
                    return ProblemException.notFound(what);
                case 409:
                    return ProblemException.conflict(detail != null ? detail
                            : what + " already has this revision or a higher one; raise revision");
                case 413:
                    return new ProblemException(413, "payload-too-large", "Request body too large",
                            detail != null ? detail : "The manifest is too large", null, null);
                default:
                    Log.warnf("ingest-service answered %d for %s: %s", status, what, detail);
                    return ProblemException.unavailable("ingest-service could not answer (HTTP " + status
                            + "); retry shortly", 5);
            }
        }
        if (Failures.isTransient(failure) || failure instanceof jakarta.ws.rs.ProcessingException) {
            Log.warnf("ingest-service is unreachable: %s", failure.getMessage());
            return ProblemException.unavailable("ingest-service is unreachable; retry shortly", 5);
        }
        return failure;
    }

    private Problem readProblem(Response response) {
        try {
            String body = response.readEntity(String.class);
            return body == null || body.isBlank() ? null : mapper.readValue(body, Problem.class);
        } catch (Exception e) {
            return null;
        }
    }
}
