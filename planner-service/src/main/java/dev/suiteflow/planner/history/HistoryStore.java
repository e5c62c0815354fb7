package dev.suiteflow.planner.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.suiteflow.events.PhaseCompleted;
import dev.suiteflow.events.TestResult;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The planner's test history in table {@code test_run}: written when a phase run attempt finishes, read when a
 * suite is planned. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class HistoryStore {

    /** Rows per INSERT statement (13 parameters each). */
    static final int BATCH = 200;

    /** Where a phase run's results come from. */
    public record Origin(String tenant, String project, String suiteId, int planRevision, String codeRevision) {
    }

    private static final String COLUMNS = "INSERT INTO test_run (tenant, project, phase, test_id, test_class,"
            + " suite_id, plan_revision, phase_run_id, attempt, code_revision, outcome, duration_ms, fingerprint)"
            + " VALUES ";

    /** Records every test of a finished attempt; a redelivered result adds nothing. */
    public Uni<Void> record(Origin origin, PhaseCompleted completed) {
        List<TestResult> tests = completed.tests() == null ? List.of() : completed.tests().stream()
                .filter(t -> t.id() != null && !t.id().isBlank()).toList();
        if (tests.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < tests.size(); from += BATCH) {
            List<TestResult> batch = tests.subList(from, Math.min(tests.size(), from + BATCH));
            chain = chain.chain(() -> insert(origin, completed, batch));
        }
        return chain;
    }

    private Uni<Void> insert(Origin origin, PhaseCompleted completed, List<TestResult> batch) {
        StringBuilder sql = new StringBuilder(COLUMNS);
        for (int i = 0; i < batch.size(); i++) {
            int p = i * 13;
            sql.append(i == 0 ? "" : ", ").append('(');
            for (int c = 1; c <= 13; c++) {
                sql.append(c == 1 ? "" : ", ").append('?').append(p + c);
            }
            sql.append(')');
        }
        sql.append(" ON CONFLICT (phase_run_id, attempt, test_id) DO NOTHING");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            for (int i = 0; i < batch.size(); i++) {
                TestResult t = batch.get(i);
                int p = i * 13;
                query.setParameter(p + 1, origin.tenant());
                query.setParameter(p + 2, origin.project());
                query.setParameter(p + 3, completed.phase());
                query.setParameter(p + 4, t.id());
                query.setParameter(p + 5, testClass(t));
                query.setParameter(p + 6, origin.suiteId());
                query.setParameter(p + 7, origin.planRevision());
                query.setParameter(p + 8, completed.phaseRunId());
                query.setParameter(p + 9, completed.attempt());
                query.setParameter(p + 10, origin.codeRevision());
                query.setParameter(p + 11, outcome(t.status()));
                query.setParameter(p + 12, Math.max(0, t.durationMs()));
                query.setParameter(p + 13, Fingerprints.of(t));
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    static String testClass(TestResult t) {
        if (t.className() != null && !t.className().isBlank()) {
            return t.className();
        }
        return HistoryView.classOf(t.id());
    }

    private static String outcome(String status) {
        return switch (status == null ? "" : status) {
            case "passed", "failed", "errored", "skipped" -> status;
            default -> "errored";
        };
    }

    /** The last {@link HistoryView#WINDOW} runs of every test class of a project. */
    public Uni<HistoryView> load(String tenant, String project) {
        String sql = "SELECT test_class, code_revision, failed, ms, fingerprint, at FROM ("
                + " SELECT test_class, code_revision, bool_or(outcome IN ('failed', 'errored')) AS failed,"
                + " sum(duration_ms) AS ms, min(fingerprint) AS fingerprint, max(recorded_at) AS at,"
                + " row_number() OVER (PARTITION BY test_class ORDER BY max(recorded_at) DESC) AS rn"
                + " FROM test_run WHERE tenant = ?1 AND project = ?2 AND outcome <> 'skipped'"
                + " GROUP BY test_class, phase_run_id, attempt, code_revision) runs WHERE rn <= " + HistoryView.WINDOW;
        return Panache.getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter(1, tenant).setParameter(2, project).getResultList())
                .map(rows -> {
                    List<HistoryView.Run> runs = new ArrayList<>(rows.size());
                    for (Object row : rows) {
                        Object[] r = (Object[]) row;
                        runs.add(new HistoryView.Run((String) r[0], (String) r[1], (Boolean) r[2],
                                ((Number) r[3]).longValue(), (String) r[4], instant(r[5])));
                    }
                    return HistoryView.of(runs);
                });
    }

    /** The ids of the tests that failed or errored in a phase run's last attempt. */
    public Uni<List<String>> failedTests(String phaseRunId, int attempt) {
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT test_id FROM test_run"
                + " WHERE phase_run_id = ?1 AND attempt = ?2 AND outcome IN ('failed', 'errored') ORDER BY test_id")
                .setParameter(1, phaseRunId).setParameter(2, attempt).getResultList())
                .map(rows -> rows.stream().map(String.class::cast).toList());
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + value);
    }
}
