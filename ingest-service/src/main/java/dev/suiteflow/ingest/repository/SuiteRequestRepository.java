package dev.suiteflow.ingest.repository;

import jakarta.enterprise.context.ApplicationScoped;

import dev.suiteflow.ingest.SuiteRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SuiteRequestRepository implements PanacheRepositoryBase<SuiteRequest, String> {

    /** The suite a tenant's request id already became, if any. */
    public Uni<SuiteRequest> findByRequestId(String tenant, String requestId) {
        return find("tenant = ?1 and requestId = ?2", tenant, requestId).firstResult();
    }
}
