package dev.suiteflow.ingest;

import java.io.Serializable;
import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One registered revision of a project's manifest; kept for ever, so that any suite's revision can be shown. */
@Entity
@Table(name = "project_manifest")
@IdClass(ProjectRevision.Key.class)
public class ProjectRevision extends PanacheEntityBase {

    /** Primary key: tenant, project, revision. */
    public static class Key implements Serializable {
        public String tenant;
        public String project;
        public int revision;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.tenant.equals(tenant) && k.project.equals(project)
                    && k.revision == revision;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(tenant, project, revision);
        }
    }

    @Id
    public String tenant;

    @Id
    public String project;

    @Id
    public int revision;

    public String manifest;

    public String origin;

    @Column(name = "registered_at")
    public Instant registeredAt;
}
