package org.shangdang.indexer.suggest;

/** When a commit's changes reach the suggestions. */
public enum SuggestRefresh {
    /** The commit returns once suggestions show its changes: simple and exact, for small indexes and tests. */
    ON_COMMIT,
    /**
     * The commit only queues a rebuild, which runs on one background thread and merges the requests made
     * meanwhile: ingestion never waits for it, and suggestions lag a commit by one rebuild.
     */
    IN_BACKGROUND
}
