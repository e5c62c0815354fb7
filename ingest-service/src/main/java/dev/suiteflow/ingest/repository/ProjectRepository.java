package dev.suiteflow.ingest.repository;

import jakarta.enterprise.context.ApplicationScoped;

import dev.suiteflow.ingest.Project;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<Project, String> {

    public Uni<Project> findProject(String tenant, String id) {
        return findById(Project.key(tenant, id));
    }
}
