package dev.suiteflow.ingest.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.suiteflow.events.AcceptanceCriterion;
import dev.suiteflow.events.ApprovalPolicy;
import dev.suiteflow.events.Change;
import dev.suiteflow.events.FieldError;
import dev.suiteflow.events.SuiteRequested;

/**
 * The rules a suite request must follow, whichever way it arrives. Every problem is reported at once,
 * as a field error a person can act on; a valid request comes back normalised (defaults filled in).
 */
public final class RequestValidator {

    /** Kinds every project has: the built-in phases that run no command. */
    public static final List<String> BUILT_IN_KINDS = List.of("structure", "dependencies");
    /** The standard kinds, in plan order. */
    public static final List<String> STANDARD_KINDS = List.of("structure", "dependencies", "unit", "integration",
            "e2e", "performance");
    public static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
    public static final String DEFAULT_PRIORITY = "normal";

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    static final Pattern PROJECT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    /** A test id: class, method or path; no spaces, quotes or shell metacharacters. */
    static final Pattern TEST_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.#/:+\\[\\],-]{0,255}");
    static final Pattern GIT_REF = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._/~^@{}-]{0,199}");
    static final Pattern CRITERION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    static final int MAX_KINDS = 20;
    static final int MAX_TESTS = 2_000;
    static final int MAX_FILES = 5_000;
    static final int MAX_PATH = 1_024;
    static final int MAX_STORY = 10_000;
    static final int MAX_CRITERIA = 200;
    static final int MAX_CRITERION_TEXT = 2_000;
    /** The default shortest approval timeout ({@code suiteflow.ingest.approval.min-timeout-seconds}). */
    public static final long MIN_APPROVAL_TIMEOUT = 60;
    public static final long MAX_APPROVAL_TIMEOUT = 7 * 24 * 3600;
    static final int MAX_REQUESTED_BY = 200;
    static final long MAX_BUDGET_SECONDS = 24 * 3600;

    /** What the validator needs to know about the named project. */
    public record ProjectInfo(String id, List<String> phases) {
    }

    /** Either the normalised request or the errors. */
    public record Result(SuiteRequested request, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private RequestValidator() {
    }

    /**
     * Validates a request.
     *
     * @param raw     the request as received; its tenant is the caller's
     * @param project the named project when it is registered for the tenant
     */
    public static Result validate(SuiteRequested raw, Optional<ProjectInfo> project) {
        return validate(raw, project, MIN_APPROVAL_TIMEOUT);
    }

    /**
     * Validates a request.
     *
     * @param raw                the request as received; its tenant is the caller's
     * @param project            the named project when it is registered for the tenant
     * @param minApprovalTimeout the shortest approval timeout allowed, in seconds (1 to
     *                           {@link #MAX_APPROVAL_TIMEOUT})
     */
    public static Result validate(SuiteRequested raw, Optional<ProjectInfo> project, long minApprovalTimeout) {
        if (minApprovalTimeout < 1 || minApprovalTimeout > MAX_APPROVAL_TIMEOUT) {
            throw new IllegalArgumentException("The minimum approval timeout must be between 1 and "
                    + MAX_APPROVAL_TIMEOUT + " seconds, not " + minApprovalTimeout);
        }
        List<FieldError> errors = new ArrayList<>();
        if (raw == null) {
            return new Result(null, List.of(new FieldError("body", "is required: send the suite request as JSON")));
        }
        checkId(errors, "requestId", raw.requestId(), ID, true,
                "letters, digits and . _ : - (at most 128, starting with a letter or digit)");
        checkId(errors, "tenant", raw.tenant(), TENANT, true, "lower-case letters, digits and - (at most 63)");
        boolean projectSyntaxOk = checkId(errors, "project", raw.project(), PROJECT, true,
                "lower-case letters, digits and . _ - (at most 63)");
        if (projectSyntaxOk && project.isEmpty()) {
            errors.add(new FieldError("project", "unknown project '" + raw.project() + "': no manifest is registered"
                    + " under that id for your tenant"));
        }
        List<String> phases = project.map(ProjectInfo::phases).orElse(null);
        List<String> kinds = checkKinds(errors, raw.kinds(), phases);
        String priority = raw.priority() == null ? DEFAULT_PRIORITY : raw.priority().trim().toLowerCase();
        if (!PRIORITIES.contains(priority)) {
            errors.add(new FieldError("priority", "must be one of " + String.join(", ", PRIORITIES)
                    + " (got '" + raw.priority() + "')"));
        }
        Map<String, List<String>> tests = checkTests(errors, raw.tests(), kinds);
        Change change = checkChange(errors, raw.change());
        ApprovalPolicy approval = checkApproval(errors, raw.approval(), minApprovalTimeout);
        String requestedBy = raw.requestedBy();
        if (requestedBy != null && (requestedBy.length() > MAX_REQUESTED_BY || requestedBy.isBlank())) {
            errors.add(new FieldError("requestedBy", "must be 1 to " + MAX_REQUESTED_BY + " characters"));
        }
        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors));
        }
        SuiteRequested normalised = new SuiteRequested(raw.requestId(), raw.tenant(), raw.project(), kinds, priority,
                raw.failFast() == null ? Boolean.TRUE : raw.failFast(), tests, change, approval, requestedBy);
        return new Result(normalised, List.of());
    }

    private static boolean checkId(List<FieldError> errors, String field, String value, Pattern pattern,
            boolean required, String rule) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return false;
        }
        if (!pattern.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be " + rule + " (got '" + clip(value) + "')"));
            return false;
        }
        return true;
    }

    private static List<String> checkKinds(List<FieldError> errors, List<String> kinds, List<String> phases) {
        if (kinds == null || kinds.isEmpty()) {
            errors.add(new FieldError("kinds", "is required: name at least one of " + String.join(", ", STANDARD_KINDS)
                    + " or a custom phase of the project"));
            return List.of();
        }
        if (kinds.size() > MAX_KINDS) {
            errors.add(new FieldError("kinds", "has " + kinds.size() + " entries; at most " + MAX_KINDS));
            return List.of();
        }
        List<String> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < kinds.size(); i++) {
            String field = "kinds[" + i + "]";
            String kind = kinds.get(i);
            if (kind == null || !KIND.matcher(kind).matches()) {
                errors.add(new FieldError(field, "'" + clip(kind) + "' is not a test kind: use one of "
                        + String.join(", ", STANDARD_KINDS) + " or a custom phase of the project"));
                continue;
            }
            if (!seen.add(kind)) {
                errors.add(new FieldError(field, "'" + kind + "' is listed twice"));
                continue;
            }
            if (phases != null && !BUILT_IN_KINDS.contains(kind) && !phases.contains(kind)) {
                String known = STANDARD_KINDS.contains(kind) ? "the project has no '" + kind + "' phase"
                        : "unknown test kind '" + kind + "'";
                errors.add(new FieldError(field, known + "; this project offers: "
                        + String.join(", ", available(phases))));
                continue;
            }
            result.add(kind);
        }
        return result;
    }

    private static List<String> available(List<String> phases) {
        List<String> all = new ArrayList<>(BUILT_IN_KINDS);
        phases.stream().filter(p -> !all.contains(p)).forEach(all::add);
        return all;
    }

    private static Map<String, List<String>> checkTests(List<FieldError> errors, Map<String, List<String>> tests,
            List<String> kinds) {
        if (tests == null || tests.isEmpty()) {
            return null;
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        int total = 0;
        for (Map.Entry<String, List<String>> entry : tests.entrySet()) {
            String kind = entry.getKey();
            String field = "tests." + clip(kind);
            if (!kinds.contains(kind)) {
                errors.add(new FieldError(field, "names tests for '" + clip(kind)
                        + "', which is not one of the requested kinds"));
                continue;
            }
            List<String> ids = entry.getValue() == null ? List.of() : entry.getValue();
            total += ids.size();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                if (id == null || !TEST_ID.matcher(id).matches()) {
                    errors.add(new FieldError(field + "[" + i + "]", "'" + clip(id) + "' is not a valid test id:"
                            + " use letters, digits and _ . # / : + [ ] , - only (no spaces, quotes or shell characters)"));
                }
            }
            result.put(kind, List.copyOf(ids));
        }
        if (total > MAX_TESTS) {
            errors.add(new FieldError("tests", "names " + total + " tests; at most " + MAX_TESTS));
        }
        return result;
    }

    private static Change checkChange(List<FieldError> errors, Change change) {
        if (change == null) {
            return null;
        }
        List<String> files = change.files();
        if (files != null) {
            if (files.size() > MAX_FILES) {
                errors.add(new FieldError("change.files", "has " + files.size() + " entries; at most " + MAX_FILES));
            } else {
                for (int i = 0; i < files.size(); i++) {
                    String file = files.get(i);
                    String problem = pathProblem(file);
                    if (problem != null) {
                        errors.add(new FieldError("change.files[" + i + "]", problem));
                    }
                }
            }
        }
        String range = change.range();
        if (range != null) {
            String[] ends = range.split("\\.\\.", -1);
            if (ends.length != 2 || !GIT_REF.matcher(ends[0]).matches() || !GIT_REF.matcher(ends[1]).matches()) {
                errors.add(new FieldError("change.range", "must be a git range BASE..HEAD of two revisions"
                        + " (got '" + clip(range) + "')"));
            }
        }
        String mode = change.mode();
        String budget = change.budget();
        if (mode != null && !mode.equals("safe") && !mode.equals("budget")) {
            errors.add(new FieldError("change.mode", "must be safe (every test the change can affect) or budget"
                    + " (the top of the ranking within change.budget); got '" + clip(mode) + "'"));
        } else if ("budget".equals(mode) && budget == null) {
            errors.add(new FieldError("change.budget", "is required in budget mode: a share of the tests such as"
                    + " 0.2, or seconds such as 300s"));
        } else if ("safe".equals(mode) && budget != null) {
            errors.add(new FieldError("change.budget", "applies only to mode budget; safe mode runs every test"
                    + " the change can affect"));
        } else if (budget != null && !validBudget(budget)) {
            errors.add(new FieldError("change.budget", "must be a share of the tests in (0, 1] such as 0.2, or"
                    + " seconds from 1 to " + MAX_BUDGET_SECONDS + " such as 300s; got '" + clip(budget) + "'"));
        }
        if (change.story() != null && change.story().length() > MAX_STORY) {
            errors.add(new FieldError("change.story", "has " + change.story().length() + " characters; at most "
                    + MAX_STORY));
        }
        List<AcceptanceCriterion> criteria = change.criteria();
        if (criteria != null) {
            if (criteria.size() > MAX_CRITERIA) {
                errors.add(new FieldError("change.criteria", "has " + criteria.size() + " entries; at most "
                        + MAX_CRITERIA));
            } else {
                Set<String> ids = new HashSet<>();
                for (int i = 0; i < criteria.size(); i++) {
                    AcceptanceCriterion c = criteria.get(i);
                    String field = "change.criteria[" + i + "]";
                    if (c == null) {
                        errors.add(new FieldError(field, "must be an object with id and text"));
                        continue;
                    }
                    if (c.id() == null || !CRITERION_ID.matcher(c.id()).matches()) {
                        errors.add(new FieldError(field + ".id", "must be letters, digits and . _ - (at most 64)"));
                    } else if (!ids.add(c.id())) {
                        errors.add(new FieldError(field + ".id", "'" + c.id() + "' is used twice"));
                    }
                    if (c.text() == null || c.text().isBlank() || c.text().length() > MAX_CRITERION_TEXT) {
                        errors.add(new FieldError(field + ".text", "must be 1 to " + MAX_CRITERION_TEXT
                                + " characters"));
                    }
                }
            }
        }
        if (mode == null && budget != null) {
            // a budget alone asks for budget mode
            return new Change(change.files(), change.range(), change.story(), change.criteria(), "budget",
                    budget.strip());
        }
        return change;
    }

    /** {@code 0.2}: a share in (0, 1]; {@code 300s}: seconds. */
    static boolean validBudget(String budget) {
        String b = budget.strip();
        try {
            if (b.endsWith("s")) {
                double seconds = Double.parseDouble(b.substring(0, b.length() - 1));
                return seconds >= 1 && seconds <= MAX_BUDGET_SECONDS;
            }
            double share = Double.parseDouble(b);
            return share > 0 && share <= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String pathProblem(String file) {
        if (file == null || file.isBlank()) {
            return "must be a path relative to the workspace";
        }
        if (file.length() > MAX_PATH) {
            return "is longer than " + MAX_PATH + " characters";
        }
        if (file.startsWith("/") || file.startsWith("\\") || file.matches("^[A-Za-z]:.*")) {
            return "'" + clip(file) + "' must be relative to the workspace, not absolute";
        }
        for (String segment : file.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return "'" + clip(file) + "' leaves the workspace (..)";
            }
        }
        if (file.chars().anyMatch(ch -> ch < 0x20)) {
            return "contains control characters";
        }
        return null;
    }

    private static ApprovalPolicy checkApproval(List<FieldError> errors, ApprovalPolicy approval, long min) {
        if (approval == null) {
            return null;
        }
        Long timeout = approval.timeoutSeconds();
        if (timeout != null && (timeout < min || timeout > MAX_APPROVAL_TIMEOUT)) {
            errors.add(new FieldError("approval.timeoutSeconds", "must be between " + min + " and "
                    + MAX_APPROVAL_TIMEOUT + " seconds (7 days)"));
        }
        return approval;
    }

    private static String clip(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() > 60 ? value.substring(0, 57) + "..." : value;
    }
}
