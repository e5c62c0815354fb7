package dev.suiteflow.ingest.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.suiteflow.events.FieldError;
import dev.suiteflow.events.ProjectManifest;
import dev.suiteflow.events.SuiteAccepted;
import dev.suiteflow.events.SuiteRejected;
import dev.suiteflow.events.SuiteRequested;
import dev.suiteflow.ingest.RejectedRequest;
import dev.suiteflow.ingest.SuiteRequest;
import dev.suiteflow.ingest.config.IngestConfig;
import dev.suiteflow.ingest.repository.ProjectRepository;
import dev.suiteflow.ingest.repository.SuiteRequestRepository;
import dev.suiteflow.support.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Accepts suite requests: validates them, stores them once per (tenant, request id) and announces
 * SuiteAccepted through the outbox in the same transaction.
 */
@ApplicationScoped
public class IntakeService {

    private final SuiteRequestRepository requests;
    private final ProjectRepository projects;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final ProjectService registry;
    private final long minApprovalTimeout;

    public IntakeService(SuiteRequestRepository requests, ProjectRepository projects, Outbox outbox,
            ObjectMapper mapper, ProjectService registry, IngestConfig config) {
        this.requests = requests;
        this.projects = projects;
        this.outbox = outbox;
        this.mapper = mapper;
        this.registry = registry;
        this.minApprovalTimeout = config.approval().minTimeoutSeconds();
    }

    /** A minimum approval timeout out of range stops the service at start, not at the first request. */
    void checkConfig(@Observes StartupEvent event) {
        if (minApprovalTimeout < 1 || minApprovalTimeout > RequestValidator.MAX_APPROVAL_TIMEOUT) {
            throw new IllegalStateException("suiteflow.ingest.approval.min-timeout-seconds must be between 1 and "
                    + RequestValidator.MAX_APPROVAL_TIMEOUT + ", not " + minApprovalTimeout);
        }
        if (minApprovalTimeout != RequestValidator.MIN_APPROVAL_TIMEOUT) {
            Log.infof("Requests may ask for approval timeouts from %d s", minApprovalTimeout);
        }
    }

    /**
     * Validates and accepts a request; the same request id of the same tenant gives the suite it gave before.
     *
     * @param origin {@code rest} or {@code kafka}
     */
    public Uni<Intake> submit(SuiteRequested raw, String origin) {
        return Panache.withTransaction(() -> submitInTransaction(raw, origin))
                // two deliveries of one request racing on the unique key: the loser finds the winner's suite
                .onFailure(IntakeService::isUniqueViolation).retry().atMost(2);
    }

    private Uni<Intake> submitInTransaction(SuiteRequested raw, String origin) {
        boolean keyed = raw != null && raw.tenant() != null && raw.requestId() != null;
        Uni<SuiteRequest> existing = keyed
                ? requests.findByRequestId(raw.tenant(), raw.requestId())
                : Uni.createFrom().nullItem();
        return existing.chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(new Intake.Accepted(found.suiteId, found.requestId, true));
            }
            return lookupProject(raw).chain(manifest -> {
                RequestValidator.Result result = RequestValidator.validate(raw, manifest.map(IntakeService::info),
                        minApprovalTimeout);
                if (!result.valid()) {
                    return Uni.createFrom().item(new Intake.Rejected(raw == null ? null : raw.requestId(),
                            result.errors()));
                }
                return accept(result.request(), manifest.orElseThrow(), origin);
            });
        });
    }

    private Uni<Optional<ProjectManifest>> lookupProject(SuiteRequested raw) {
        if (raw == null || raw.tenant() == null || raw.project() == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return projects.findProject(raw.tenant(), raw.project())
                .map(p -> Optional.ofNullable(p).filter(row -> row.manifest != null).map(registry::manifestOf));
    }

    private static RequestValidator.ProjectInfo info(ProjectManifest manifest) {
        return new RequestValidator.ProjectInfo(manifest.project(), List.copyOf(manifest.phases().keySet()));
    }

    private Uni<Intake> accept(SuiteRequested request, ProjectManifest manifest, String origin) {
        SuiteRequest row = new SuiteRequest();
        row.suiteId = UUID.randomUUID().toString();
        row.tenant = request.tenant();
        row.requestId = request.requestId();
        row.project = request.project();
        row.origin = origin;
        row.acceptedAt = Instant.now();
        try {
            row.request = mapper.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        SuiteAccepted accepted = new SuiteAccepted(row.suiteId, row.tenant, row.requestId, origin, request,
                row.acceptedAt, manifest);
        return row.<SuiteRequest>persist()
                .chain(() -> outbox.add(accepted))
                .invoke(() -> Log.infof("Accepted request %s of tenant %s as suite %s (%s)", row.requestId,
                        row.tenant, row.suiteId, origin))
                .replaceWith(new Intake.Accepted(row.suiteId, row.requestId, false));
    }

    /**
     * Records the refusal of a request that came from the topic and answers it with SuiteRejected,
     * once per (tenant, request id). Without a usable tenant and request id there is nobody to answer.
     *
     * @return true when a SuiteRejected was announced
     */
    public Uni<Boolean> reject(SuiteRequested raw, String reason, List<FieldError> errors) {
        if (raw == null || !usable(raw.tenant(), RequestValidator.TENANT) || !usable(raw.requestId(),
                RequestValidator.ID)) {
            return Uni.createFrom().item(false);
        }
        String key = raw.tenant() + "/" + raw.requestId();
        return Panache.withTransaction(() -> RejectedRequest.<RejectedRequest>findById(key).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(false);
            }
            RejectedRequest row = new RejectedRequest();
            row.key = key;
            row.tenant = raw.tenant();
            row.requestId = raw.requestId();
            row.rejectedAt = Instant.now();
            try {
                row.errors = mapper.writeValueAsString(errors);
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
            SuiteRejected rejected = new SuiteRejected(raw.requestId(), raw.tenant(), raw.requestId(), reason, errors,
                    row.rejectedAt);
            return row.persist().chain(() -> outbox.add(rejected)).replaceWith(true);
        })).onFailure(IntakeService::isUniqueViolation).recoverWithItem(false);
    }

    private static boolean usable(String value, java.util.regex.Pattern pattern) {
        return value != null && pattern.matcher(value).matches();
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
