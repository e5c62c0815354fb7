package dev.suiteflow.gateway.repository;

import jakarta.enterprise.context.ApplicationScoped;

import dev.suiteflow.gateway.Suite;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SuiteRepository implements PanacheRepositoryBase<Suite, String> {

    /** A suite of the tenant; null when it does not exist or belongs to another tenant. */
    public Uni<Suite> findForTenant(String tenant, String suiteId) {
        return find("suiteId = ?1 and tenant = ?2", suiteId, tenant).firstResult();
    }
}
