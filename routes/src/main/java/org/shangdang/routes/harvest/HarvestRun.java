package org.shangdang.routes.harvest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.store.Checkpoint;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;

/**
 * The state of one running harvest: the message body that travels through a harvest route from the
 * first step to the last. Each step reads and advances it.
 *
 * <p>Not thread-safe: a run is confined to the thread that executes its route (routes are synchronous).
 */
public final class HarvestRun {

    private final SourceProperties source;
    private final JobStatus started;
    private final Optional<Checkpoint> checkpointAtStart;

    private PageSource pages;
    private Optional<Instant> windowFrom = Optional.empty();
    private HarvestPage page;
    private final List<CanonicalRecord> toIndex = new ArrayList<>();
    private final List<String> toDelete = new ArrayList<>();
    private int pagesSinceCommit;
    private Optional<String> uncommittedToken = Optional.empty();
    private Optional<Instant> maxDatestamp = Optional.empty();

    private long seen;
    private long stored;
    private long indexed;
    private long rejected;
    private long deleted;
    private int pageCount;
    private Optional<Long> expectedTotal = Optional.empty();

    HarvestRun(SourceProperties source, JobStatus started, Optional<Checkpoint> checkpointAtStart) {
        this.source = Objects.requireNonNull(source, "source");
        this.started = Objects.requireNonNull(started, "started");
        this.checkpointAtStart = Objects.requireNonNull(checkpointAtStart, "checkpointAtStart");
    }

    public SourceProperties source() {
        return source;
    }

    public String sourceId() {
        return source.id();
    }

    public long jobId() {
        return started.id();
    }

    /** The job's status as of now, {@link JobState#RUNNING}, with the counters so far. */
    public JobStatus status() {
        return new JobStatus(started.id(), started.sourceId(), started.mode(), JobState.RUNNING, seen, stored, indexed,
                rejected, deleted, pageCount, started.startedAt(), Optional.empty(), Optional.empty());
    }

    /**
     * How many records this run is expected to see in all, from the list size the source announced on the
     * latest page; empty when the source announces none.
     */
    public Optional<Long> expectedTotal() {
        return expectedTotal;
    }

    /** The source's checkpoint when this run started; empty if it was never harvested. */
    public Optional<Checkpoint> checkpointAtStart() {
        return checkpointAtStart;
    }

    /**
     * Attaches the opened pages of this run.
     *
     * @param windowFrom the from-date of the list being harvested; empty for a full list
     */
    public void open(PageSource pageSource, Optional<Instant> windowFrom) {
        this.pages = Objects.requireNonNull(pageSource, "pageSource");
        this.windowFrom = Objects.requireNonNull(windowFrom, "windowFrom");
    }

    /** Whether another page follows; may block on the source (see the pager). */
    public boolean hasNextPage() {
        return pages != null && pages.hasNext();
    }

    /** Pulls the next page and makes it the current one. */
    public HarvestPage nextPage() {
        if (pages == null) {
            throw new IllegalStateException("harvest of " + sourceId() + " (job " + jobId() + ") was not opened");
        }
        page = pages.next();
        pageCount++;
        pagesSinceCommit++;
        long seenBefore = seen;
        seen += page.records().size() + page.rejects().size();
        // The records still to come follow from the announced list size and this page's position in the list;
        // a run that resumed a list mid-way knows its position only from the cursor.
        page.completeListSize().ifPresent(size -> {
            long position = page.cursor().orElse(seenBefore) + page.records().size();
            expectedTotal = Optional.of(seen + Math.max(0, size - position));
        });
        uncommittedToken = page.resumptionToken();
        page.maxDatestamp().ifPresent(d -> maxDatestamp = Optional.of(maxDatestamp.filter(d::isBefore).orElse(d)));
        return page;
    }

    /** The page being processed. */
    public HarvestPage page() {
        if (page == null) {
            throw new IllegalStateException("harvest of " + sourceId() + " (job " + jobId() + ") has no page yet");
        }
        return page;
    }

    /** The from-date of the list being harvested; empty for a full list. */
    public Optional<Instant> windowFrom() {
        return windowFrom;
    }

    /** The latest datestamp seen so far in this run. */
    public Optional<Instant> maxDatestamp() {
        return maxDatestamp;
    }

    void addStored(int count) {
        stored += count;
    }

    /** Counts a rejected record or file of the current page (the reject itself is in the store). */
    public void addRejected() {
        rejected++;
    }

    void queueForIndex(CanonicalRecord record) {
        toIndex.add(record);
    }

    void queueForDeletion(String canonicalId) {
        toDelete.add(canonicalId);
    }

    /** The records queued for the index since the last take; the caller counts those written. */
    List<CanonicalRecord> takeToIndex() {
        List<CanonicalRecord> batch = List.copyOf(toIndex);
        toIndex.clear();
        return batch;
    }

    /** The ids queued for deletion since the last take; the caller counts those removed. */
    List<String> takeToDelete() {
        List<String> batch = List.copyOf(toDelete);
        toDelete.clear();
        return batch;
    }

    void addIndexed(int count) {
        indexed += count;
    }

    void addDeleted(int count) {
        deleted += count;
    }

    int pagesSinceCommit() {
        return pagesSinceCommit;
    }

    /** Marks the pages so far as committed and returns the token that asks for the page after them. */
    Optional<String> markCommitted() {
        pagesSinceCommit = 0;
        return uncommittedToken;
    }

    void closePages() {
        if (pages != null) {
            pages.close();
        }
    }
}
