package dev.suiteflow.gateway.security;

import java.util.Set;

/** What an API key may do. Each role includes the ones before it. */
public enum Role {
    /** Reads suites, plans, logs and events of its tenant. */
    VIEWER,
    /** Also submits suites. */
    SUBMITTER,
    /** Also cancels, approves, rejects, reruns and registers projects. */
    OPERATOR;

    public static final String VIEWER_NAME = "viewer";
    public static final String SUBMITTER_NAME = "submitter";
    public static final String OPERATOR_NAME = "operator";

    public String id() {
        return name().toLowerCase();
    }

    /** The role names a caller with this role holds. */
    public Set<String> granted() {
        return switch (this) {
            case VIEWER -> Set.of(VIEWER_NAME);
            case SUBMITTER -> Set.of(VIEWER_NAME, SUBMITTER_NAME);
            case OPERATOR -> Set.of(VIEWER_NAME, SUBMITTER_NAME, OPERATOR_NAME);
        };
    }

    public static Role parse(String value) {
        return Role.valueOf(value.trim().toUpperCase());
    }
}
