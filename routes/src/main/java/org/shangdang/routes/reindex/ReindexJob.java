package org.shangdang.routes.reindex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.indexer.IndexRebuild;
import org.shangdang.indexer.IndexWriteException;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.SourceInfo;
import org.shangdang.routes.HarvestAlreadyRunningException;
import org.shangdang.routes.UnknownSourceException;
import org.shangdang.routes.cluster.WorkClusters;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.config.SourcesProperties;
import org.shangdang.routes.harvest.JobTracker;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-indexes from the raw records in the record store, without harvesting again: after a change of
 * index layout or crosswalk, or to repair an index.
 *
 * <ul>
 *   <li>{@link #reindexAll()} builds a new generation of the index ({@link SearchIndex#rebuild()}) from
 *       every configured source's records and swaps it in atomically: searches keep answering from the
 *       old generation until then, and a failure leaves the old generation live. Harvests may run
 *       meanwhile: their writes reach both generations.
 *   <li>{@link #reindexSource(String)} re-indexes one source in place: its present records are upserted,
 *       and its records deleted at the source, or no longer accepted by the crosswalk, are removed.
 * </ul>
 *
 * <p>Records are streamed from the store in batches of {@code batchSize}
 * ({@link RecordStore#forEachRawBatch}), so memory does not grow with the catalogue. Each run is recorded as
 * a job with mode {@link HarvestMode#REINDEX} (source {@value #ALL_SOURCES} for every source): seen = raw
 * records read, indexed = records written, rejected = records the crosswalk or the index refused (each
 * kept in the rejects store with the reason), deleted = records left out or removed because the source
 * deleted them, pages = batches. A failure (index unavailable, store unreadable) ends the job FAILED with
 * the reason; the method then returns that status rather than throwing.
 *
 * <p>Thread-safe; at most one re-index runs at a time in this application.
 */
public class ReindexJob {

    /** The job's source id when every source is re-indexed. */
    public static final String ALL_SOURCES = "*";

    private static final Logger LOG = LoggerFactory.getLogger(ReindexJob.class);

    private final SearchIndex index;
    private final RecordStore store;
    private final Crosswalks crosswalks;
    private final SourcesProperties sources;
    private final JobTracker harvests;
    private final int batchSize;
    private final WorkClusters works;
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * @param harvests asked whether a source is being harvested, which a re-index of that source must not overlap
     * @param batchSize raw records read, crosswalked and written at a time, 1..10000
     * @param works the union catalog, which gives each record its work before it is written
     */
    public ReindexJob(SearchIndex index, RecordStore store, Crosswalks crosswalks, SourcesProperties sources,
            JobTracker harvests, int batchSize, WorkClusters works) {
        this.index = Objects.requireNonNull(index, "index");
        this.store = Objects.requireNonNull(store, "store");
        this.crosswalks = Objects.requireNonNull(crosswalks, "crosswalks");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.harvests = Objects.requireNonNull(harvests, "harvests");
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("re-index batchSize must be between 1 and 10000; got: " + batchSize);
        }
        this.batchSize = batchSize;
        this.works = Objects.requireNonNull(works, "works");
    }

    /**
     * Rebuilds the whole index from the store and swaps it in. Raw records of sources that are no longer
     * configured (or are disabled) are left out, and logged.
     *
     * @return the finished job, COMPLETED or FAILED
     * @throws IllegalStateException when a re-index is already running
     */
    public JobStatus reindexAll() {
        claim(ALL_SOURCES);
        try {
            Counters counters = new Counters(store.startJob(ALL_SOURCES, HarvestMode.REINDEX));
            LOG.info("re-index job {}: rebuilding the whole index from the record store", counters.job.id());
            try (IndexRebuild rebuild = index.rebuild()) {
                Map<String, Long> unknown = new LinkedHashMap<>();
                Set<String> moved = new LinkedHashSet<>();
                store.forEachRawBatch(Optional.empty(), batchSize, batch -> {
                    Map<String, SourceInfo> infos = new HashMap<>();
                    List<RawRecord> known = new ArrayList<>();
                    for (RawRecord raw : batch) {
                        Optional<SourceInfo> info = infos.containsKey(raw.sourceId())
                                ? Optional.of(infos.get(raw.sourceId()))
                                : sourceInfo(raw.sourceId());
                        if (info.isPresent()) {
                            infos.put(raw.sourceId(), info.get());
                            known.add(raw);
                        } else {
                            unknown.merge(raw.sourceId(), 1L, Long::sum);
                        }
                    }
                    counters.seen += batch.size();
                    Mapped mapped = clustered(crosswalk(counters, known, infos::get), moved);
                    counters.deleted += mapped.deleted().size();
                    write(counters, mapped, rebuild::upsert);
                    counters.batches++;
                    store.updateJob(counters.status());
                });
                rewriteMoved(moved, rebuild::upsert);
                if (!unknown.isEmpty()) {
                    LOG.warn("re-index job {}: left out raw records of sources not configured or disabled: {}",
                            counters.job.id(), unknown);
                }
                long swapped = rebuild.swap();
                LOG.info("re-index job {}: swapped in the new index generation with {} records", counters.job.id(), swapped);
            } catch (RuntimeException e) {
                return fail(counters, e);
            }
            return complete(counters);
        } finally {
            running.set(false);
        }
    }

    /**
     * Re-indexes one source in place from its raw records.
     *
     * @return the finished job, COMPLETED or FAILED
     * @throws UnknownSourceException when no enabled source has that id
     * @throws HarvestAlreadyRunningException when that source is being harvested
     * @throws IllegalStateException when a re-index is already running
     */
    public JobStatus reindexSource(String sourceId) {
        SourceInfo info = sourceInfo(sourceId).orElseThrow(() -> new UnknownSourceException(sourceId,
                sources.enabled().stream().map(SourceProperties::id).toList()));
        if (harvests.isRunning(sourceId)) {
            throw new HarvestAlreadyRunningException(sourceId);
        }
        claim(sourceId);
        try {
            Counters counters = new Counters(store.startJob(sourceId, HarvestMode.REINDEX));
            LOG.info("re-index job {}: re-indexing source {} in place from the record store", counters.job.id(), sourceId);
            try {
                Set<String> moved = new LinkedHashSet<>();
                store.forEachRawBatch(Optional.of(sourceId), batchSize, batch -> {
                    counters.seen += batch.size();
                    Mapped mapped = clustered(crosswalk(counters, batch, id -> info), moved);
                    write(counters, mapped, index::upsert);
                    // Deleted at the source, or refused by the crosswalk now: neither may stay searchable.
                    List<String> gone = new ArrayList<>(mapped.deleted());
                    gone.addAll(mapped.refused());
                    if (!gone.isEmpty()) {
                        index.delete(gone);
                    }
                    counters.deleted += mapped.deleted().size();
                    counters.batches++;
                    store.updateJob(counters.status());
                });
                rewriteMoved(moved, index::upsert);
                index.commit();
            } catch (RuntimeException e) {
                return fail(counters, e);
            }
            return complete(counters);
        } finally {
            running.set(false);
        }
    }

    private void claim(String what) {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("a re-index is already running; try re-indexing " + what + " when it has ended");
        }
    }

    private Optional<SourceInfo> sourceInfo(String sourceId) {
        return sources.enabled().stream().filter(s -> s.id().equals(sourceId)).findFirst().map(SourceProperties::sourceInfo);
    }

    /** The batch's canonical records; deleted ids; ids the crosswalk refused (each kept as a reject). */
    private Mapped crosswalk(Counters counters, List<RawRecord> batch, java.util.function.Function<String, SourceInfo> infoOf) {
        Map<String, RawRecord> rawById = new LinkedHashMap<>();
        List<CanonicalRecord> records = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (RawRecord raw : batch) {
            if (raw.isDeleted()) {
                deleted.add(raw.canonicalId());
                continue;
            }
            try {
                CanonicalRecord record = crosswalks.forFormat(raw.format()).map(raw, infoOf.apply(raw.sourceId()));
                records.add(record);
                rawById.put(record.id(), raw);
            } catch (RecordRejectedException e) {
                reject(counters, raw, e.getMessage());
                refused.add(raw.canonicalId());
            } catch (RuntimeException e) {
                // A crosswalk that breaks on one record is still a record failure: keep it and go on.
                reject(counters, raw, raw.canonicalId() + ": crosswalk failed: " + e);
                refused.add(raw.canonicalId());
            }
        }
        return new Mapped(records, rawById, deleted, refused);
    }

    /**
     * The batch with each record in its work. Records deleted or refused leave the catalog; records of other
     * batches whose work changed are added to {@code moved}, to be re-written once every batch is in.
     */
    private Mapped clustered(Mapped mapped, Set<String> moved) {
        synchronized (works.writeLock()) {
            WorkClusters.Assignment assignment = works.assign(mapped.records());
            moved.addAll(assignment.moved());
            List<String> gone = new ArrayList<>(mapped.deleted());
            gone.addAll(mapped.refused());
            moved.addAll(works.remove(gone));
            return new Mapped(assignment.records(), mapped.rawById(), mapped.deleted(), mapped.refused());
        }
    }

    /**
     * Re-writes the records whose work changed after they were written, crosswalked again from their stored raw
     * record (ids only were kept, so memory stays bounded by the number of moves, not of records).
     */
    private void rewriteMoved(Set<String> moved, Consumer<List<CanonicalRecord>> upsert) {
        List<CanonicalRecord> rewritten = new ArrayList<>();
        for (String id : moved) {
            int colon = id.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String sourceId = id.substring(0, colon);
            Optional<RawRecord> raw = store.raw(sourceId, id.substring(colon + 1)).filter(r -> !r.isDeleted());
            Optional<SourceInfo> info = sourceInfo(sourceId);
            if (raw.isEmpty() || info.isEmpty()) {
                continue;
            }
            try {
                CanonicalRecord record = crosswalks.forFormat(raw.get().format()).map(raw.get(), info.get());
                rewritten.add(record.withWorkId(works.workOf(id).orElse(id)));
            } catch (RecordRejectedException | RuntimeException e) {
                // Refused by the crosswalk: it was counted as a reject when its own batch was read.
                LOG.debug("re-index: record {} whose work changed is not crosswalkable: {}", id, e.getMessage());
            }
            if (rewritten.size() >= batchSize) {
                upsert.accept(List.copyOf(rewritten));
                rewritten.clear();
            }
        }
        if (!rewritten.isEmpty()) {
            upsert.accept(rewritten);
        }
    }

    /** Writes the records; those the index refuses become rejects, the others count as indexed. */
    private void write(Counters counters, Mapped mapped, Consumer<List<CanonicalRecord>> upsert) {
        if (mapped.records().isEmpty()) {
            return;
        }
        int refused = 0;
        try {
            upsert.accept(mapped.records());
        } catch (IndexWriteException e) {
            for (IndexWriteException.Failure failure : e.failures()) {
                RawRecord raw = mapped.rawById().get(failure.recordId());
                if (raw != null) {
                    reject(counters, raw, failure.recordId() + ": the index refused it: " + failure.reason());
                    refused++;
                }
            }
        }
        counters.indexed += mapped.records().size() - refused;
    }

    private void reject(Counters counters, RawRecord raw, String reason) {
        String why = reason == null || reason.isBlank() ? raw.canonicalId() + ": rejected without a reason" : reason;
        store.addReject(counters.job.id(), raw, why);
        counters.rejected++;
        LOG.warn("re-index job {}: record {} rejected: {}", counters.job.id(), raw.canonicalId(), why);
    }

    private JobStatus complete(Counters counters) {
        store.updateJob(counters.status());
        JobStatus done = store.finishJob(counters.job.id(), JobState.COMPLETED, Optional.empty());
        LOG.info("re-index job {} of {} completed: seen {}, indexed {}, rejected {}, deleted {}", done.id(),
                done.sourceId(), done.seen(), done.indexed(), done.rejected(), done.deleted());
        return done;
    }

    private JobStatus fail(Counters counters, RuntimeException e) {
        store.updateJob(counters.status());
        String reason = "re-index of " + counters.job.sourceId() + " failed: " + e.getMessage();
        LOG.error("re-index job {}: {}", counters.job.id(), reason, e);
        return store.finishJob(counters.job.id(), JobState.FAILED, Optional.of(reason));
    }

    private record Mapped(List<CanonicalRecord> records, Map<String, RawRecord> rawById, List<String> deleted,
            List<String> refused) {}

    /** A job's counters while it runs; confined to the job's thread. */
    private static final class Counters {
        private final JobStatus job;
        private long seen;
        private long indexed;
        private long rejected;
        private long deleted;
        private int batches;

        Counters(JobStatus job) {
            this.job = job;
        }

        JobStatus status() {
            return new JobStatus(job.id(), job.sourceId(), job.mode(), job.state(), seen, 0, indexed, rejected, deleted,
                    batches, job.startedAt(), Optional.empty(), Optional.empty());
        }
    }
}
