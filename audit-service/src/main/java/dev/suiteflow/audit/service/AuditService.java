package dev.suiteflow.audit.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.suiteflow.audit.AuditEntry;
import dev.suiteflow.audit.TrailEvent;
import dev.suiteflow.audit.repository.AuditEntryRepository;
import dev.suiteflow.audit.repository.AuditEntryRepository.Head;
import dev.suiteflow.events.EventTypes;
import dev.suiteflow.support.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Appends events to their suite's hash chain, and reads, verifies and exports chains. An append locks the chain's
 * head row for the length of its transaction, so concurrent appends to one suite are chained one after another.
 */
@ApplicationScoped
public class AuditService {

    /** Entries read per query while verifying or exporting a whole chain. */
    static final int BATCH = 1000;

    private final AuditEntryRepository entries;
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> appended = new ConcurrentHashMap<>();

    public AuditService(AuditEntryRepository entries, MeterRegistry registry) {
        this.entries = entries;
        this.registry = registry;
    }

    /**
     * Appends the event to its suite's chain in one transaction.
     *
     * @return the new entry's seq, or empty when the event id is already in the trail (a redelivery)
     */
    public Uni<Optional<Long>> append(TrailEvent e) {
        return entries.pool().withTransaction(tx -> entries.lockHead(tx, e.tenant(), e.suiteId())
                .chain(head -> {
                    long seq = head.seq() + 1;
                    String hash = HashChain.hash(head.hash(), seq, e.eventId(), e.type(), e.source(),
                            HashChain.formatTime(e.time()), e.tenant(), e.suiteId(), e.payload());
                    return entries.insert(tx, e, seq, head.hash(), hash).chain(inserted -> inserted
                            ? entries.advanceHead(tx, e.tenant(), e.suiteId(), seq, hash).replaceWith(Optional.of(seq))
                            : Uni.createFrom().item(Optional.<Long>empty()));
                }))
                .invoke(seq -> seq.ifPresent(ignored -> counter(e.type()).increment()));
    }

    /** A page of a tenant's suite; 404 when the tenant has no such suite. */
    public Uni<List<AuditEntry>> page(String tenant, String suiteId, long afterSeq, int limit) {
        return existing(tenant, suiteId).chain(head -> entries.page(tenant, suiteId, afterSeq, limit));
    }

    /** Recomputes every hash of a tenant's suite and checks the links and the head. */
    public Uni<Verification> verify(String tenant, String suiteId) {
        return existing(tenant, suiteId).chain(head -> verifyFrom(tenant, suiteId, 0, head, new Verifier()));
    }

    private Uni<Verification> verifyFrom(String tenant, String suiteId, long afterSeq, Head head, Verifier verifier) {
        return entries.page(tenant, suiteId, afterSeq, BATCH).chain(batch -> {
            batch.forEach(verifier::accept);
            if (batch.size() == BATCH) {
                return verifyFrom(tenant, suiteId, batch.get(batch.size() - 1).seq(), head, verifier);
            }
            verifier.checkHead(head);
            return Uni.createFrom().item(verifier.result(suiteId));
        });
    }

    /** Every entry of a tenant's suite, in seq order. */
    public Uni<List<AuditEntry>> all(String tenant, String suiteId) {
        return existing(tenant, suiteId).chain(head -> collect(tenant, suiteId, 0, new ArrayList<>()));
    }

    private Uni<List<AuditEntry>> collect(String tenant, String suiteId, long afterSeq, List<AuditEntry> into) {
        return entries.page(tenant, suiteId, afterSeq, BATCH).chain(batch -> {
            into.addAll(batch);
            return batch.size() == BATCH ? collect(tenant, suiteId, batch.get(batch.size() - 1).seq(), into)
                    : Uni.createFrom().item(into);
        });
    }

    private Uni<Head> existing(String tenant, String suiteId) {
        return entries.head(tenant, suiteId).map(head -> head.orElseThrow(
                () -> ProblemException.notFound("The audit trail of suite " + suiteId)));
    }

    private Counter counter(String type) {
        // Types outside the contract come from other systems: one tag for all of them keeps the metric bounded.
        String tag = EventTypes.lookup(type).isPresent() || TrailEvent.UNDECODABLE.equals(type) ? type : "other";
        return appended.computeIfAbsent(tag, t -> Counter.builder("suiteflow.audit.entries.appended")
                .description("Entries appended to the audit trail, by event type").tag("type", t)
                .register(registry));
    }

    /** The outcome of verifying a chain; {@code firstBrokenSeq} and {@code reason} are null when it is valid. */
    public record Verification(String suiteId, long entries, boolean valid, Long firstBrokenSeq, String reason) {
    }

    /** Walks a chain in seq order and stops at the first entry that breaks it. */
    static final class Verifier {
        long lastSeq;
        String lastHash = HashChain.GENESIS;
        long count;
        Long brokenSeq;
        String reason;

        /** Checks the next entry; after the first break it only counts. */
        void accept(AuditEntry entry) {
            count++;
            if (brokenSeq != null) {
                return;
            }
            long expected = lastSeq + 1;
            if (entry.seq() != expected) {
                broken(expected, "entry " + expected + " is missing (the next one is " + entry.seq() + ")");
            } else if (!lastHash.equals(entry.prevHash())) {
                broken(entry.seq(), "prevHash of entry " + entry.seq() + " is not the hash of the entry before");
            } else if (!HashChain.hashOf(entry).equals(entry.hash())) {
                broken(entry.seq(), "hash of entry " + entry.seq() + " does not match its contents");
            } else {
                lastSeq = entry.seq();
                lastHash = entry.hash();
            }
        }

        /** The head must point at the last entry: entries removed from the end show here. */
        void checkHead(Head head) {
            if (brokenSeq == null && (head.seq() != lastSeq || !head.hash().equals(lastHash))) {
                broken(Math.min(head.seq(), lastSeq) + 1, "the chain head records entry " + head.seq()
                        + " but the trail ends at entry " + lastSeq + " (entries removed or head altered)");
            }
        }

        private void broken(long seq, String why) {
            brokenSeq = seq;
            reason = why;
        }

        Verification result(String suiteId) {
            return new Verification(suiteId, count, brokenSeq == null, brokenSeq, reason);
        }
    }
}
