package org.shangdang.routes.harvest;

import java.time.Duration;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.shangdang.indexer.IndexUnavailableException;
import org.shangdang.indexer.IndexWriteException;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RawRecord;
import org.shangdang.routes.cluster.WorkClusters;
import org.shangdang.routes.config.HarvestProperties;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Harvest step: writes the canonical records of the current page to the index and removes the deleted
 * ones, and commits every {@code pageCommitEvery} pages and at the end of the list. Each record is first
 * clustered into its union-catalog work ({@link WorkClusters}); records of other pages or sources whose work
 * changed because of this page are re-written with their new work id in the same commit.
 *
 * <p>Two index failures are kept apart:
 * <ul>
 *   <li>{@link IndexWriteException}, the index refused some records and wrote the others: each refused
 *       record goes to the rejects store with the index's reason and the raw record, and the job goes on.
 *   <li>{@link IndexUnavailableException}, the index cannot be reached: ingestion pauses and the same
 *       call (upsert, delete or commit, all idempotent by id) is retried with a doubling backoff until it
 *       succeeds, or until the configured longest wait is over, when the exception ends the job FAILED.
 *       Meanwhile the job's state in the store is {@link JobState#PAUSED}.
 *       Nothing is checkpointed during the pause, as the checkpoint step runs only after the commit.
 * </ul>
 *
 * <p>Thread-safe as the index and the store are; a pause blocks the calling route's thread.
 */
public class IndexWriter {

    /** Bean name the routes call. */
    public static final String BEAN = "harvestIndexWriter";

    private static final Logger LOG = LoggerFactory.getLogger(IndexWriter.class);

    private final SearchIndex index;
    private final RecordStore store;
    private final int pageCommitEvery;
    private final HarvestProperties.IndexUnavailable outage;
    private final WorkClusters works;

    /**
     * @param pageCommitEvery commit after this many pages, at least 1
     * @param outage how long and how often to retry while the index is unavailable
     * @param works the union catalog, which gives each record its work before it is written
     */
    public IndexWriter(SearchIndex index, RecordStore store, int pageCommitEvery,
            HarvestProperties.IndexUnavailable outage, WorkClusters works) {
        this.index = Objects.requireNonNull(index, "index");
        this.store = Objects.requireNonNull(store, "store");
        if (pageCommitEvery < 1) {
            throw new IllegalArgumentException("pageCommitEvery must be >= 1; got: " + pageCommitEvery);
        }
        this.pageCommitEvery = pageCommitEvery;
        this.outage = Objects.requireNonNull(outage, "outage");
        this.works = Objects.requireNonNull(works, "works");
    }

    /**
     * Writes the records queued by the crosswalk and removes the deleted ones; records the index refuses
     * become rejects.
     *
     * @throws IndexUnavailableException if the index stayed unreachable for longer than the longest wait
     */
    public void write(HarvestRun run) {
        List<CanonicalRecord> records = run.takeToIndex();
        List<String> deletions = run.takeToDelete();
        synchronized (works.writeLock()) {
            Set<String> moved = new LinkedHashSet<>();
            if (!records.isEmpty()) {
                WorkClusters.Assignment assignment = works.assign(records);
                moved.addAll(assignment.moved());
                int refused = whileUnavailable(run, "writing", () -> upsert(run, assignment.records()));
                run.addIndexed(records.size() - refused);
            }
            if (!deletions.isEmpty()) {
                moved.addAll(works.remove(deletions));
                whileUnavailable(run, "deleting", () -> {
                    index.delete(deletions);
                    return 0;
                });
                run.addDeleted(deletions.size());
            }
            moved.removeAll(deletions);
            if (!moved.isEmpty()) {
                rewriteMoved(run, moved);
            }
        }
    }

    /** Re-writes records of other pages or sources whose work changed, with their new work ids. */
    private void rewriteMoved(HarvestRun run, Set<String> moved) {
        List<CanonicalRecord> rewritten = whileUnavailable(run, "re-reading records whose work changed",
                () -> works.reread(moved, index));
        if (rewritten.isEmpty()) {
            return;
        }
        whileUnavailable(run, "re-writing records whose work changed", () -> {
            try {
                index.upsert(rewritten);
            } catch (IndexWriteException e) {
                // Indexed before with the same content, so a refusal now is the index's own trouble: the record
                // keeps its old work id until the next re-index, and the harvest goes on.
                LOG.warn("harvest job {} of {}: {} records whose work changed could not be re-written: {}",
                        run.jobId(), run.sourceId(), e.failures().size(), e.getMessage());
            }
            return 0;
        });
        LOG.debug("harvest job {} of {}: {} records of other pages moved to another work", run.jobId(),
                run.sourceId(), rewritten.size());
    }

    /** Whether enough pages were written since the last commit. */
    public boolean isCommitDue(HarvestRun run) {
        return run.pagesSinceCommit() >= pageCommitEvery;
    }

    /**
     * Makes the pages written so far durable and searchable.
     *
     * @throws IndexUnavailableException if the index stayed unreachable for longer than the longest wait
     */
    public void commit(HarvestRun run) {
        whileUnavailable(run, "committing", () -> {
            index.commit();
            return 0;
        });
    }

    /** Upserts and returns how many records the index refused, each now a reject. */
    private int upsert(HarvestRun run, List<CanonicalRecord> records) {
        try {
            index.upsert(records);
            return 0;
        } catch (IndexWriteException e) {
            Map<String, RawRecord> raws = run.page().records().stream()
                    .collect(Collectors.toMap(RawRecord::canonicalId, Function.identity(), (a, b) -> b));
            for (IndexWriteException.Failure failure : e.failures()) {
                RawRecord raw = Optional.ofNullable(raws.get(failure.recordId())).orElseThrow(() ->
                        new IllegalStateException("the index refused record " + failure.recordId() + " of source "
                                + run.sourceId() + ", which is not on the page being written: " + failure.reason()));
                String reason = failure.recordId() + ": refused by the index: " + failure.reason();
                store.addReject(run.jobId(), raw, reason);
                run.addRejected();
                LOG.warn("harvest job {} of {}: record {} rejected: {}", run.jobId(), run.sourceId(), raw.recordId(),
                        reason);
            }
            return e.failures().size();
        }
    }

    /**
     * Runs the call, and while the index is unavailable pauses and runs it again, the backoff doubling up to
     * the longest delay, until it succeeds or the longest wait is over. Safe only for idempotent calls.
     */
    private <T> T whileUnavailable(HarvestRun run, String step, Supplier<T> call) {
        long pausedAt = 0;
        Duration delay = outage.initialDelay();
        int attempts = 0;
        while (true) {
            try {
                T result = call.get();
                if (attempts > 0) {
                    store.setRunningState(run.jobId(), JobState.RUNNING);
                    LOG.info("harvest job {} of {}: index available again after {} ms and {} retries, ingestion resumed",
                            run.jobId(), run.sourceId(), Duration.ofNanos(System.nanoTime() - pausedAt).toMillis(),
                            attempts);
                }
                return result;
            } catch (IndexUnavailableException e) {
                long now = System.nanoTime();
                if (attempts == 0) {
                    pausedAt = now;
                    store.setRunningState(run.jobId(), JobState.PAUSED);
                    LOG.warn("harvest job {} of {}: index unavailable, ingestion paused at page {} ({}); retrying for"
                            + " up to {}: {}", run.jobId(), run.sourceId(), run.status().pages(), step,
                            outage.maxWait(), e.getMessage());
                }
                Duration left = outage.maxWait().minusNanos(now - pausedAt);
                if (left.isNegative() || left.isZero()) {
                    throw new IndexUnavailableException("index unavailable for longer than "
                            + outage.maxWait() + " while " + step + " page " + run.status().pages() + " of source "
                            + run.sourceId() + " (" + attempts + " retries); the next harvest resumes at that page: "
                            + e.getMessage(), e);
                }
                sleep(delay.compareTo(left) < 0 ? delay : left, run);
                attempts++;
                Duration doubled = delay.multipliedBy(2);
                delay = doubled.compareTo(outage.maxDelay()) < 0 ? doubled : outage.maxDelay();
            }
        }
    }

    private static void sleep(Duration wait, HarvestRun run) {
        try {
            Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexUnavailableException("harvest of " + run.sourceId() + " (job " + run.jobId()
                    + ") interrupted while waiting for the index", e);
        }
    }
}
