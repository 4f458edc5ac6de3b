package org.shangdang.routes.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.cluster.Explanation;
import org.shangdang.indexer.cluster.UnionCatalog;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.config.SourcesProperties;
import org.shangdang.routes.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The works of the union catalog as ingestion keeps them: a {@link UnionCatalog} of every record in the index,
 * which each write consults so that records go to the index with their work id.
 *
 * <p>The catalog lives in memory (about 420 bytes a record). It is loaded from the record store on first use,
 * by crosswalking every stored record of a configured source: a cost paid once per process, in the first
 * harvest or lookup, not at start-up, so the service answers searches at once. A full re-index that finds it
 * not loaded builds it in its own pass instead ({@link #isLoaded}, {@link #install}).
 *
 * <p>Thread-safe. Callers that write the index hold {@link #writeLock()} from {@link #assign} until the records
 * are written, so that two jobs cannot write one record with work ids computed in different orders.
 */
public class WorkClusters {

    private static final Logger LOG = LoggerFactory.getLogger(WorkClusters.class);
    private static final int LOAD_BATCH = 1000;

    private final RecordStore store;
    private final Crosswalks crosswalks;
    private final SourcesProperties sources;
    private final Object writeLock = new Object();
    private volatile UnionCatalog catalog;

    public WorkClusters(RecordStore store, Crosswalks crosswalks, SourcesProperties sources) {
        this.store = Objects.requireNonNull(store, "store");
        this.crosswalks = Objects.requireNonNull(crosswalks, "crosswalks");
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    /** The lock a writer holds from {@link #assign} or {@link #remove} until the index has the records. */
    public Object writeLock() {
        return writeLock;
    }

    /**
     * Clusters these records, about to be written to the index. Call it once per batch (the catalog changes):
     * what it returns is what to write, even if writing must be retried.
     */
    public Assignment assign(Collection<CanonicalRecord> records) {
        return assignIn(catalog(), records);
    }

    /**
     * Clusters these records in a catalog of the caller's own, as {@link #assign} does in this one: for a job
     * that builds the union catalog while it crosswalks every stored record anyway ({@link #install}).
     */
    public static Assignment assignIn(UnionCatalog works, Collection<CanonicalRecord> records) {
        List<CanonicalRecord> assigned = new ArrayList<>(records.size());
        Set<String> moved = new LinkedHashSet<>();
        for (CanonicalRecord record : records) {
            moved.addAll(works.upsert(record).recordIds());
        }
        Set<String> own = new HashSet<>();
        for (CanonicalRecord record : records) {
            assigned.add(record.withWorkId(works.workOf(record.id()).orElse(record.id())));
            own.add(record.id());
        }
        moved.removeAll(own);
        return new Assignment(assigned, moved);
    }

    /**
     * Takes these records, about to be removed from the index, out of their works. Call it once per batch.
     *
     * @return the records remaining in the index whose work changed (a work splits when its bridging record
     *     goes): pass them to {@link #reread}
     */
    public Set<String> remove(Collection<String> ids) {
        return removeFrom(catalog(), ids);
    }

    /** Takes these records out of a catalog of the caller's own, as {@link #remove} does in this one. */
    public static Set<String> removeFrom(UnionCatalog works, Collection<String> ids) {
        Set<String> moved = new LinkedHashSet<>();
        for (String id : ids) {
            moved.addAll(works.remove(id).recordIds());
        }
        moved.removeAll(Set.copyOf(ids));
        return moved;
    }

    /**
     * The records with these ids as the index holds them, with their current work ids, leaving out those the
     * index does not hold or that already carry their work id. Reads only: safe to retry.
     */
    public List<CanonicalRecord> reread(Collection<String> ids, SearchIndex index) {
        UnionCatalog works = catalog();
        List<CanonicalRecord> rewritten = new ArrayList<>();
        for (String id : ids) {
            String work = works.workOf(id).orElse(id);
            index.get(id).filter(indexed -> !indexed.workIdOrSelf().equals(work))
                    .ifPresent(indexed -> rewritten.add(indexed.withWorkId(work)));
        }
        return rewritten;
    }

    /**
     * Whether the catalog is in memory: loaded on first use, or {@linkplain #install installed}. A caller about
     * to crosswalk every stored record anyway (a full re-index) builds it itself when it is not, rather than
     * pay for a load that crosswalks every record a second time.
     */
    public boolean isLoaded() {
        return catalog != null;
    }

    /**
     * Makes a catalog built from every stored record of a configured source (crosswalkable, not deleted), as
     * the load on first use would build it, the one this instance uses, unless one was loaded meanwhile (a
     * harvest's first write while it was being built), which then stays.
     *
     * @return whether {@code built} is now the catalog
     */
    public synchronized boolean install(UnionCatalog built) {
        Objects.requireNonNull(built, "built");
        if (catalog != null) {
            return false;
        }
        catalog = built;
        LOG.info("union catalog built by a re-index: {} records in {} works", built.size(), built.workCount());
        return true;
    }

    /** The work a record belongs to; empty when the record is not in the catalog. */
    public Optional<String> workOf(String recordId) {
        return catalog().workOf(recordId);
    }

    /** The number of records clustered, loading the catalog if it is not yet. */
    public int size() {
        return catalog().size();
    }

    /** The records of a work, sorted; empty for an unknown work. */
    public List<String> members(String workId) {
        return catalog().members(workId);
    }

    /** Why a record is in its work; empty when the record is not in the catalog. */
    public Optional<Explanation> why(String recordId) {
        return catalog().why(recordId);
    }

    /**
     * Records to write after {@link #assign}.
     *
     * @param records the records assigned, with their work ids
     * @param moved records elsewhere in the index whose work changed because of them: pass them to {@link #reread}
     */
    public record Assignment(List<CanonicalRecord> records, Set<String> moved) {

        public Assignment {
            records = List.copyOf(records);
            moved = Set.copyOf(moved);
        }
    }

    private UnionCatalog catalog() {
        UnionCatalog loaded = catalog;
        if (loaded != null) {
            return loaded;
        }
        synchronized (this) {
            if (catalog == null) {
                catalog = load();
            }
            return catalog;
        }
    }

    private UnionCatalog load() {
        long started = System.nanoTime();
        UnionCatalog works = new UnionCatalog();
        long[] counts = new long[2];
        store.forEachRawBatch(Optional.empty(), LOAD_BATCH, batch -> {
            for (RawRecord raw : batch) {
                Optional<SourceProperties> source = sources.source(raw.sourceId());
                if (raw.isDeleted() || source.isEmpty()) {
                    continue;
                }
                try {
                    works.upsert(crosswalks.map(raw, source.get().sourceInfo()));
                    counts[0]++;
                } catch (RecordRejectedException | RuntimeException e) {
                    // Rejected at harvest too, so never indexed: it belongs to no work.
                    counts[1]++;
                }
            }
        });
        LOG.info("union catalog loaded from the record store: {} records in {} works ({} not crosswalkable) in {} ms",
                counts[0], works.workCount(), counts[1], (System.nanoTime() - started) / 1_000_000);
        return works;
    }
}
