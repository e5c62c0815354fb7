package dev.suiteflow.planner.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Rejects suites whose approval deadline passed without a decision. */
@ApplicationScoped
public class ApprovalDeadlines {

    private final SuiteLifecycle lifecycle;

    public ApprovalDeadlines(SuiteLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Scheduled(every = "${suiteflow.planner.approval-check:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expire() {
        return Panache.withTransaction(lifecycle::expireApprovals)
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("Rejected %d suite(s) whose approval deadline passed", n);
                    }
                })
                .onFailure().invoke(e -> Log.warnf("Checking approval deadlines failed (%s); next time", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
