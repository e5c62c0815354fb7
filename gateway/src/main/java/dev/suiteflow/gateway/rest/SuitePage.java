package dev.suiteflow.gateway.rest;

import java.util.List;

/**
 * One page of suites, newest first.
 *
 * @param nextCursor pass it as {@code cursor} for the next page; null on the last page
 */
public record SuitePage(List<SuiteSummary> items, String nextCursor) {
}
