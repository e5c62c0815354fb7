package dev.suiteflow.events;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.suiteflow.events.CriterionCoverage.CoverageLink;
import dev.suiteflow.events.CriterionCoverage.ScenarioProposal;

/**
 * One fully populated instance of every payload of the contract (every field set, every list non-empty, so
 * that each property of the schema is exercised), minimal instances derived from them, and CloudEvent
 * envelopes around them.
 */
final class Samples {

    static final String SUITE = "s-7f3c2a91";
    static final String TENANT = "acme";
    static final String REQUEST = "ci-build-4711";
    static final String PHASE_RUN = "pr-5d81e0c4";
    static final Instant AT = Instant.parse("2025-03-14T09:26:53.589Z");

    private static final Map<Class<?>, Record> FULL = new LinkedHashMap<>();

    static {
        add(suiteRequested());
        add(new SuiteAccepted(SUITE, TENANT, REQUEST, "kafka", suiteRequested(), AT, manifest()));
        add(new SuiteRejected(REQUEST, TENANT, REQUEST, "The request has 1 invalid field.",
                List.of(new FieldError("kinds[1]", "unknown kind 'smoke': use structure, dependencies, unit,"
                        + " integration, e2e, performance or a phase of the project's manifest")),
                AT));
        add(new SuitePlanned(SUITE, TENANT, 2, "shop-api", 7,
                List.of(new PlannedPhase("unit", 0, 0, "impact",
                        List.of(new SelectedTest("com.acme.shop.LoginTest#locksAccountAfterThreeFailures", 0.92,
                                List.of("covers changed file src/main/java/com/acme/shop/Login.java",
                                        "failed in 2 of the last 10 runs"))),
                        List.of("com.acme.shop.CatalogTest#listsEveryProduct"), 600,
                        List.of(new PlannedPhase.PlannedShard(1, "run-7f3c",
                                List.of("com.acme.shop.LoginTest#locksAccountAfterThreeFailures"), 12.5)))),
                List.of(new CriterionCoverage("AC-2", "a user who forgot the password can reset it",
                        List.of(new CoverageLink("com.acme.shop.PasswordTest#sendsResetMail", 0.41,
                                "text similarity 0.41 with the test name")),
                        true,
                        List.of(new ScenarioProposal("integration", "a user with a verified e-mail address",
                                "they ask for a password reset", "they receive a reset link valid for one hour")))),
                AT, "rerun-failed"));
        add(new ApprovalRequested(SUITE, TENANT, 2, "The request asks for approval before running.",
                AT.plusSeconds(3600), AT, List.of("AC-2")));
        add(new ApprovalDecided(SUITE, TENANT, "approved", "alice", "Plan looks right.", AT));
        add(new SuiteStarted(SUITE, TENANT, 2, AT));
        add(new SuiteCompleted(SUITE, TENANT, "failed", new SuiteTotals(3, 2, 1, 120, 115, 3, 2), 93_400L, AT));
        add(new SuiteCancelled(SUITE, TENANT, "alice", "Wrong branch.", AT));
        add(new CancelSuite(SUITE, TENANT, "alice", "Wrong branch.", AT));
        add(new DecideApproval(SUITE, TENANT, true, "alice", "Plan looks right.", AT));
        add(new RerunSuite(SUITE, TENANT, "failed", "alice", AT));
        add(new PhaseRequested(SUITE, TENANT, PHASE_RUN, "unit", 1, "high",
                new CommandSpec("dependencies", List.of("./mvnw", "-q", "test", "-Dtest=LoginTest#locksAccount"),
                        "https://git.acme.example/shop-api.git", "refs/heads/main", "backend",
                        Map.of("MAVEN_OPTS", "-Xmx1g"), List.of("target/surefire-reports/*.xml"),
                        List.of("JAVA_HOME"), List.of(new Check("command", "mvn", "3.6", List.of("-v"), false,
                                "Install Maven 3.6 or later"))),
                List.of("com.acme.shop.LoginTest#locksAccountAfterThreeFailures"), 600L, AT));
        add(new PhaseStarted(SUITE, TENANT, PHASE_RUN, "unit", 1, "executor-0/worker-2", 1_250L, AT));
        add(new PhaseCompleted(SUITE, TENANT, PHASE_RUN, "unit", 1, "failed", "test_failure",
                "LoginTest#locksAccountAfterThreeFailures fails: the account stays unlocked; see its message.", 1,
                List.of(new TestResult("com.acme.shop.LoginTest#locksAccountAfterThreeFailures",
                        "locksAccountAfterThreeFailures", "com.acme.shop.LoginTest", "failed", 87L,
                        "expected: <LOCKED> but was: <ACTIVE>",
                        "org.opentest4j.AssertionFailedError: expected: <LOCKED> but was: <ACTIVE>\n\tat ...")),
                1_250L, 45_100L, "[ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0", AT));
        add(new PhaseLog(SUITE, TENANT, PHASE_RUN, "unit", 1, 3L, 300L,
                List.of(new PhaseLog.Line("stdout", "[INFO] Running com.acme.shop.LoginTest"),
                        new PhaseLog.Line("stderr", "WARNING: A terminally deprecated method was called")),
                AT));
        add(new PhaseHeartbeat(SUITE, TENANT, PHASE_RUN, "unit", 1, "executor-0/worker-2", 15_000L, AT));
    }

    private Samples() {
    }

    private static SuiteRequested suiteRequested() {
        return new SuiteRequested(REQUEST, TENANT, "shop-api", List.of("unit", "integration"), "high", false,
                Map.of("unit", List.of("com.acme.shop.LoginTest#locksAccountAfterThreeFailures")),
                new Change(List.of("src/main/java/com/acme/shop/Login.java"), "3f2a9c1..8be04d7",
                        "SHOP-118 Lock an account after three failed logins",
                        List.of(new AcceptanceCriterion("AC-1", "a locked account cannot log in", true)), "budget",
                        "0.25"),
                new ApprovalPolicy(true, 3_600L, true), "ci-bot");
    }

    private static void add(Record sample) {
        FULL.put(sample.getClass(), sample);
    }

    /** The payload classes that have a sample. */
    static Set<Class<?>> payloadClasses() {
        return FULL.keySet();
    }

    /** The fully populated sample of a payload class; throws when there is none. */
    static Record full(Class<?> payload) {
        Record sample = FULL.get(payload);
        if (sample == null) {
            throw new IllegalArgumentException("No sample for " + payload.getName() + ": add one to Samples");
        }
        return sample;
    }

    /**
     * A copy of {@code sample} where every field that {@code schema} does not require is null, recursively
     * (nested records and list elements too): the smallest instance a producer may send.
     */
    static Record minimal(Record sample, JsonNode schema, JsonNode root) {
        RecordComponent[] components = sample.getClass().getRecordComponents();
        Set<String> required = Schemas.required(schema);
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            Object value = read(component, sample);
            if (!required.contains(component.getName())) {
                values[i] = null;
                continue;
            }
            JsonNode property = Schemas.nonNull(schema.get("properties").get(component.getName()), root);
            if (value instanceof Record nested) {
                values[i] = minimal(nested, property, root);
            } else if (value instanceof List<?> list) {
                List<Object> copy = new ArrayList<>();
                JsonNode items = Schemas.nonNull(property.get("items"), root);
                for (Object element : list) {
                    copy.add(element instanceof Record r ? minimal(r, items, root) : element);
                }
                values[i] = copy;
            } else {
                values[i] = value;
            }
        }
        return construct(sample.getClass(), components, values);
    }

    /** The structured-mode CloudEvent that carries {@code payload}, as a producer writes it to Kafka. */
    static ObjectNode envelope(String type, Object payload) {
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("specversion", "1.0");
        envelope.put("id", UUID.nameUUIDFromBytes((type + key(payload)).getBytes()).toString());
        envelope.put("source", "/suiteflow/planner-service");
        envelope.put("type", type);
        envelope.put("subject", key(payload));
        envelope.put("time", AT.toString());
        envelope.put("datacontenttype", "application/json");
        envelope.put("dataschema", Schemas.ID_PREFIX + EventTypes.payloadOf(type).getSimpleName() + ".v1.json");
        envelope.set("data", Json.toTree(payload));
        return envelope;
    }

    /** The Kafka key and CloudEvent subject: the suite id, or the request id where there is no suite. */
    static String key(Object payload) {
        if (payload instanceof SuiteEvent event) {
            return event.suiteId();
        }
        if (payload instanceof SuiteRequested request) {
            return request.requestId();
        }
        throw new IllegalArgumentException("Not a payload: " + payload);
    }

    static Object read(RecordComponent component, Record owner) {
        try {
            return component.getAccessor().invoke(owner);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Record construct(Class<?> type, RecordComponent[] components, Object[] values) {
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
            return (Record) canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot construct " + type.getName(), e);
        }
    }

    /** A manifest with every part filled in. */
    static ProjectManifest manifest() {
        return new ProjectManifest("shop-api", TENANT, 4, "The shop's back end",
                new ProjectManifest.Workspace("/srv/checkouts/shop-api", "https://git.acme.example/shop-api.git",
                        "main"),
                List.of(new Check("file", "pom.xml", "1", List.of("n/a"), false, "Restore the build file"),
                        new Check("directory", "src/test/java", "1", List.of("n/a"), true, "Tests live here")),
                List.of(new Check("command", "java", "17", List.of("-version"), false, "Install a JDK 17"),
                        new Check("service", "127.0.0.1:5432", "15", List.of("n/a"), true, "Start PostgreSQL")),
                new ProjectManifest.EnvPolicy(List.of("MAVEN_OPTS"), Map.of("CI", "true")),
                Map.of("unit", new ProjectManifest.PhaseSpec(List.of("mvn", "-q", "test"), ".", 600L,
                        List.of("target/surefire-reports/TEST-*.xml"), "-Dtest={tests}", List.of("LoginTest"), 2)),
                List.of(List.of("integration", "e2e")));
    }
}
