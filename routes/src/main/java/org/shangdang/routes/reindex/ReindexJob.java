package org.shangdang.routes.reindex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.indexer.IndexRebuild;
import org.shangdang.indexer.IndexWriteException;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.cluster.UnionCatalog;
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
 * ({@link RecordStore#forEachRawBatch}), so memory does not grow with the catalogue. A full re-index
 * crosswalks, clusters and writes the batches on {@code threads} workers, with at most {@code threads + 1}
 * batches read ahead of the oldest unfinished one; the job's counts and checkpoints are taken batch by batch in
 * the order they were read, so a checkpoint counts exactly the batches before it. Records whose work changed
 * after they were written are written again once every batch is in, before the swap. When the union catalog is
 * not loaded yet ({@link WorkClusters#isLoaded}), a full re-index builds it from the records it crosswalks
 * (every record crosswalked once, not twice) and installs it ({@link WorkClusters#install}). Each run is recorded as
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
    private final int threads;
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * A job whose full re-index runs on as many workers as the machine has processors.
     *
     * @param harvests asked whether a source is being harvested, which a re-index of that source must not overlap
     * @param batchSize raw records read, crosswalked and written at a time, 1..10000
     * @param works the union catalog, which gives each record its work before it is written
     */
    public ReindexJob(SearchIndex index, RecordStore store, Crosswalks crosswalks, SourcesProperties sources,
            JobTracker harvests, int batchSize, WorkClusters works) {
        this(index, store, crosswalks, sources, harvests, batchSize, works, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param harvests asked whether a source is being harvested, which a re-index of that source must not overlap
     * @param batchSize raw records read, crosswalked and written at a time, 1..10000
     * @param works the union catalog, which gives each record its work before it is written
     * @param threads workers that crosswalk, cluster and write the batches of a full re-index, 1..64
     */
    public ReindexJob(SearchIndex index, RecordStore store, Crosswalks crosswalks, SourcesProperties sources,
            JobTracker harvests, int batchSize, WorkClusters works, int threads) {
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
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("re-index threads must be between 1 and 64; got: " + threads);
        }
        this.threads = threads;
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
            // Cold: this pass crosswalks every record anyway, so it builds the catalog rather than have it loaded
            // by crosswalking every record a first time.
            Clustering clustering = works.isLoaded() ? new SharedCatalog() : new OwnCatalog(new UnionCatalog());
            LOG.info("re-index job {}: rebuilding the whole index from the record store on {} workers ({})",
                    counters.job.id(), threads, clustering);
            try (IndexRebuild rebuild = index.rebuild()) {
                Map<String, Long> unknown = new LinkedHashMap<>();
                Set<String> moved = new LinkedHashSet<>();
                ExecutorService workers = workers(counters.job.id());
                Deque<Future<BatchResult>> inFlight = new ArrayDeque<>();
                try {
                    store.forEachRawBatch(Optional.empty(), batchSize, batch -> {
                        Map<String, SourceInfo> infos = new HashMap<>();
                        List<RawRecord> known = new ArrayList<>();
                        List<RawRecord> clusterOnly = new ArrayList<>();
                        for (RawRecord raw : batch) {
                            Optional<SourceInfo> info = infos.containsKey(raw.sourceId())
                                    ? Optional.of(infos.get(raw.sourceId()))
                                    : sourceInfo(raw.sourceId());
                            if (info.isPresent()) {
                                infos.put(raw.sourceId(), info.get());
                                known.add(raw);
                            } else {
                                unknown.merge(raw.sourceId(), 1L, Long::sum);
                                if (clustering.clustersDisabledSources() && !raw.isDeleted()
                                        && sources.source(raw.sourceId()).isPresent()) {
                                    clusterOnly.add(raw);
                                }
                            }
                        }
                        int seen = batch.size();
                        inFlight.add(workers.submit(() -> rebuildBatch(seen, known, clusterOnly, infos::get, clustering,
                                rebuild)));
                        while (inFlight.size() > threads) {
                            finish(inFlight.poll(), counters, moved);
                        }
                    });
                    while (!inFlight.isEmpty()) {
                        finish(inFlight.poll(), counters, moved);
                    }
                } finally {
                    // Before the rebuild is closed: no worker may write to a generation being abandoned.
                    stop(workers, inFlight);
                }
                moved.addAll(clustering.finish());
                rewriteMoved(moved, rebuild::upsert);
                if (!unknown.isEmpty()) {
                    LOG.warn("re-index job {}: left out raw records of sources not configured or disabled: {}",
                            counters.job.id(), unknown);
                }
                long swapped = rebuild.swap();
                LOG.info("re-index job {}: swapped in the new index generation with {} records ({} re-written after "
                        + "their work changed)", counters.job.id(), swapped, moved.size());
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
                    Mapped mapped = clustered(crosswalk(batch, id -> info), moved);
                    List<Reject> refusedByIndex = write(mapped, index::upsert);
                    record(counters, mapped.rejects());
                    record(counters, refusedByIndex);
                    counters.indexed += mapped.records().size() - refusedByIndex.size();
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

    /**
     * The batch's canonical records; deleted ids; ids the crosswalk refused, each with its reject (for the caller
     * to record). Touches no shared state: any thread.
     */
    private Mapped crosswalk(List<RawRecord> batch, Function<String, SourceInfo> infoOf) {
        Map<String, RawRecord> rawById = new LinkedHashMap<>();
        List<CanonicalRecord> records = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
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
                rejects.add(new Reject(raw, e.getMessage()));
                refused.add(raw.canonicalId());
            } catch (RuntimeException e) {
                // A crosswalk that breaks on one record is still a record failure: keep it and go on.
                rejects.add(new Reject(raw, raw.canonicalId() + ": crosswalk failed: " + e));
                refused.add(raw.canonicalId());
            }
        }
        return new Mapped(records, rawById, deleted, refused, rejects);
    }

    /**
     * One batch of a full re-index, on a worker: crosswalk, cluster, write to the new generation. Returns what
     * the job thread records (counts, rejects) and the records of earlier batches whose work changed.
     */
    private BatchResult rebuildBatch(int seen, List<RawRecord> known, List<RawRecord> clusterOnly,
            Function<String, SourceInfo> infoOf, Clustering clustering, IndexRebuild rebuild) {
        Mapped mapped = crosswalk(known, infoOf);
        List<CanonicalRecord> alsoClustered = new ArrayList<>(clusterOnly.size());
        for (RawRecord raw : clusterOnly) {
            sources.source(raw.sourceId()).ifPresent(source -> {
                try {
                    alsoClustered.add(crosswalks.forFormat(raw.format()).map(raw, source.sourceInfo()));
                } catch (RecordRejectedException | RuntimeException e) {
                    // Not crosswalkable, so never indexed: it belongs to no work, as when the catalog is loaded.
                    LOG.debug("re-index: record {} of a disabled source is not crosswalkable: {}", raw.canonicalId(),
                            e.getMessage());
                }
            });
        }
        Set<String> moved = new HashSet<>();
        Mapped assigned = clustering.cluster(mapped, alsoClustered, moved);
        List<Reject> refusedByIndex = write(assigned, rebuild::upsert);
        List<Reject> rejects = new ArrayList<>(mapped.rejects());
        rejects.addAll(refusedByIndex);
        return new BatchResult(seen, assigned.records().size() - refusedByIndex.size(), rejects,
                mapped.deleted().size(), moved);
    }

    /** Records one finished batch in the job, in the order the batches were read; rethrows a worker's failure. */
    private void finish(Future<BatchResult> batch, Counters counters, Set<String> moved) {
        BatchResult result;
        try {
            result = batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch of job " + counters.job.id(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a batch of job " + counters.job.id() + " failed: " + e.getCause(), e.getCause());
        }
        counters.seen += result.seen();
        record(counters, result.rejects());
        counters.indexed += result.indexed();
        counters.deleted += result.deleted();
        moved.addAll(result.moved());
        counters.batches++;
        store.updateJob(counters.status());
    }

    private ExecutorService workers(long jobId) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "reindex-" + jobId + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Cancels the batches not started and waits for the running ones, so none outlives the job. */
    private static void stop(ExecutorService workers, Deque<Future<BatchResult>> inFlight) {
        inFlight.forEach(batch -> batch.cancel(false));
        workers.shutdown();
        boolean interrupted = false;
        while (!workers.isTerminated()) {
            try {
                workers.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
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
            return new Mapped(assignment.records(), mapped.rawById(), mapped.deleted(), mapped.refused(), mapped.rejects());
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

    /** Writes the records; returns those the index refused, as rejects (the others count as indexed). */
    private static List<Reject> write(Mapped mapped, Consumer<List<CanonicalRecord>> upsert) {
        if (mapped.records().isEmpty()) {
            return List.of();
        }
        List<Reject> refused = new ArrayList<>();
        try {
            upsert.accept(mapped.records());
        } catch (IndexWriteException e) {
            for (IndexWriteException.Failure failure : e.failures()) {
                RawRecord raw = mapped.rawById().get(failure.recordId());
                if (raw != null) {
                    refused.add(new Reject(raw, failure.recordId() + ": the index refused it: " + failure.reason()));
                }
            }
        }
        return refused;
    }

    private void record(Counters counters, List<Reject> rejects) {
        for (Reject reject : rejects) {
            reject(counters, reject.raw(), reject.reason());
        }
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
            List<String> refused, List<Reject> rejects) {}

    /** A raw record refused by the crosswalk or the index, and why. */
    private record Reject(RawRecord raw, String reason) {}

    /** What one batch of a full re-index did, for the job thread to record. */
    private record BatchResult(int seen, int indexed, List<Reject> rejects, int deleted, Set<String> moved) {}

    /** How a full re-index gives records their works. Thread-safe: the workers call it concurrently. */
    private interface Clustering {

        /**
         * The records with their works, after taking deleted and refused ones out; adds to {@code moved} the
         * records of other batches whose work changed. {@code clusterOnly} records join works but are not written.
         */
        Mapped cluster(Mapped mapped, List<CanonicalRecord> clusterOnly, Set<String> moved);

        /** Whether records of configured but disabled sources must be clustered (they are not written). */
        boolean clustersDisabledSources();

        /** Called once every batch is clustered; returns more records to re-write. */
        Set<String> finish();
    }

    /** The service's catalog, already loaded: each batch re-upserts its records (mostly unchanged keys). */
    private final class SharedCatalog implements Clustering {

        @Override
        public Mapped cluster(Mapped mapped, List<CanonicalRecord> clusterOnly, Set<String> moved) {
            return clustered(mapped, moved);
        }

        @Override
        public boolean clustersDisabledSources() {
            return false;
        }

        @Override
        public Set<String> finish() {
            return Set.of();
        }

        @Override
        public String toString() {
            return "union catalog already loaded";
        }
    }

    /**
     * A catalog built by this job from the records it crosswalks, with the records the load on first use would
     * hold (those of disabled sources too), installed in {@link WorkClusters} at the end.
     */
    private final class OwnCatalog implements Clustering {

        private final UnionCatalog catalog;

        OwnCatalog(UnionCatalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public Mapped cluster(Mapped mapped, List<CanonicalRecord> clusterOnly, Set<String> moved) {
            // One batch at a time, so a batch's work ids are those of one state of the catalog.
            synchronized (catalog) {
                moved.addAll(WorkClusters.assignIn(catalog, clusterOnly).moved());
                WorkClusters.Assignment assignment = WorkClusters.assignIn(catalog, mapped.records());
                moved.addAll(assignment.moved());
                List<String> gone = new ArrayList<>(mapped.deleted());
                gone.addAll(mapped.refused());
                moved.addAll(WorkClusters.removeFrom(catalog, gone));
                return new Mapped(assignment.records(), mapped.rawById(), mapped.deleted(), mapped.refused(),
                        mapped.rejects());
            }
        }

        @Override
        public boolean clustersDisabledSources() {
            return true;
        }

        @Override
        public Set<String> finish() {
            if (works.install(catalog)) {
                return Set.of();
            }
            // A harvest loaded the service's catalog meanwhile, and it stays: re-write what it clusters otherwise.
            Set<String> differ = new HashSet<>();
            catalog.forEachRecord((id, work) -> {
                if (!works.workOf(id).orElse(id).equals(work)) {
                    differ.add(id);
                }
            });
            LOG.info("re-index: the union catalog was loaded during the re-index; {} records re-written to its works",
                    differ.size());
            return differ;
        }

        @Override
        public String toString() {
            return "union catalog built in this pass";
        }
    }

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
