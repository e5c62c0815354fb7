package dev.suiteflow.audit.rest;

import java.util.List;

import dev.suiteflow.audit.AuditEntry;

/**
 * A page of a suite's trail, in seq order.
 *
 * @param nextAfterSeq the {@code afterSeq} of the next page; null on a page that is not full (the last one)
 */
public record EntryPage(String suiteId, List<AuditEntry> entries, Long nextAfterSeq) {
}
