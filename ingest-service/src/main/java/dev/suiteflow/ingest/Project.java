package dev.suiteflow.ingest;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A project requests may name, with the phases its manifest declares. */
@Entity
@Table(name = "project")
public class Project extends PanacheEntityBase {

    /** {@code tenant/id}. */
    @Id
    public String key;

    public String tenant;

    public String id;

    /** JSON array of phase names. */
    public String phases;

    /** The current revision's ProjectManifest as JSON. */
    public String manifest;

    @Column(name = "manifest_revision")
    public int manifestRevision;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static String key(String tenant, String id) {
        return tenant + "/" + id;
    }
}
