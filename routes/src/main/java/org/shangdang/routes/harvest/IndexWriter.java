package org.shangdang.routes.harvest;

import java.util.List;
import java.util.Objects;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;

/**
 * Harvest step: writes the canonical records of the current page to the index and removes the deleted
 * ones, and commits every {@code pageCommitEvery} pages and at the end of the list. Idempotent (upsert
 * and delete by canonical id); thread-safe as the index is.
 */
public class IndexWriter {

    /** Bean name the routes call. */
    public static final String BEAN = "harvestIndexWriter";

    private final SearchIndex index;
    private final int pageCommitEvery;

    /** @param pageCommitEvery commit after this many pages, at least 1 */
    public IndexWriter(SearchIndex index, int pageCommitEvery) {
        this.index = Objects.requireNonNull(index, "index");
        if (pageCommitEvery < 1) {
            throw new IllegalArgumentException("pageCommitEvery must be >= 1; got: " + pageCommitEvery);
        }
        this.pageCommitEvery = pageCommitEvery;
    }

    public void write(HarvestRun run) {
        List<CanonicalRecord> records = run.takeToIndex();
        if (!records.isEmpty()) {
            index.upsert(records);
        }
        List<String> deletions = run.takeToDelete();
        if (!deletions.isEmpty()) {
            index.delete(deletions);
        }
    }

    /** Whether enough pages were written since the last commit. */
    public boolean isCommitDue(HarvestRun run) {
        return run.pagesSinceCommit() >= pageCommitEvery;
    }

    /** Makes the pages written so far durable and searchable. */
    public void commit(HarvestRun run) {
        index.commit();
    }
}
