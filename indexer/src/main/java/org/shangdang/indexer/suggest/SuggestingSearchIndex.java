package org.shangdang.indexer.suggest;

import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.shangdang.indexer.IndexRebuild;
import org.shangdang.indexer.IndexStats;
import org.shangdang.indexer.IndexWriteException;
import org.shangdang.indexer.RecordHeadings;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.record.CanonicalRecord;

/**
 * A {@link SearchIndex} that keeps a {@link SuggestIndex} in step with whatever engine it wraps: writes go
 * to the engine, and the terms of the records it accepted (and the ids it deleted) are passed to the
 * suggestions when {@link #commit()} succeeds, so suggestions never show a record that search does not.
 * Reads go straight to the engine.
 *
 * <p>Thread-safe as the wrapped index is. Closing closes the wrapped index and the suggestions.
 */
public final class SuggestingSearchIndex implements SearchIndex {

    private final SearchIndex engine;
    private final SuggestIndex suggestions;
    private final SuggestRefresh refresh;
    private Map<String, SuggestIndex.Change> pending = new LinkedHashMap<>();
    /** Ids committed while {@link #loadFromEngine()} runs: what it read of them may already be stale. */
    private Set<String> committedDuringLoad;

    public SuggestingSearchIndex(SearchIndex engine, SuggestIndex suggestions, SuggestRefresh refresh) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.suggestions = Objects.requireNonNull(suggestions, "suggestions");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
    }

    /** The wrapped engine. */
    public SearchIndex engine() {
        return engine;
    }

    public SuggestIndex suggestions() {
        return suggestions;
    }

    /** Records read per batch by {@link #loadFromEngine()}. */
    private static final int LOAD_BATCH = 1000;

    /**
     * Reads the records the engine already holds into the suggestions (at start-up, for an index written
     * before), all of them, through {@link SearchIndex#scanHeadings}: memory beyond the suggestions' own is
     * one batch. Suggestions answer from what is read so far: a background refresh is asked for each time
     * the records read double, and a last refresh before returning. Safe to run while records are written: a
     * record committed meanwhile keeps its committed terms. Returns the number of records read.
     */
    public int loadFromEngine() {
        synchronized (this) {
            committedDuringLoad = new HashSet<>();
        }
        int[] read = {0};
        int[] nextRefresh = {LOAD_BATCH};
        try {
            engine.scanHeadings(LOAD_BATCH, batch -> {
                List<SuggestIndex.Change> changes = batch.stream().map(SuggestIndex.Change::of).toList();
                synchronized (this) {
                    suggestions.apply(changes.stream().filter(c -> !committedDuringLoad.contains(c.id())).toList());
                }
                read[0] += batch.size();
                if (read[0] >= nextRefresh[0]) {
                    // Doubling keeps the refreshes of a whole load linear in its size.
                    nextRefresh[0] = read[0] * 2;
                    suggestions.refreshInBackground();
                }
            });
        } finally {
            synchronized (this) {
                committedDuringLoad = null;
            }
        }
        suggestions.refresh();
        return read[0];
    }

    @Override
    public void upsert(Collection<CanonicalRecord> records) {
        try {
            engine.upsert(records);
        } catch (IndexWriteException e) {
            Set<String> refused = e.failures().stream().map(IndexWriteException.Failure::recordId).collect(Collectors.toSet());
            remember(records.stream().filter(r -> !refused.contains(r.id())).toList());
            throw e;
        }
        remember(records);
    }

    @Override
    public void delete(Collection<String> ids) {
        engine.delete(ids);
        forget(ids);
    }

    private void forget(Collection<String> ids) {
        synchronized (this) {
            for (String id : ids) {
                pending.put(id, SuggestIndex.Change.deleted(id));
            }
        }
    }

    /** Commits the engine, then passes the committed changes to the suggestions; a failed commit keeps them. */
    @Override
    public void commit() {
        Map<String, SuggestIndex.Change> committing;
        synchronized (this) {
            committing = pending;
            pending = new LinkedHashMap<>();
        }
        try {
            engine.commit();
        } catch (RuntimeException e) {
            synchronized (this) {
                // Changes made after this commit began are newer than the ones it carried.
                committing.putAll(pending);
                pending = committing;
            }
            throw e;
        }
        publish(committing);
    }

    /**
     * Rebuilds the wrapped engine's index; the records written to the new generation reach the suggestions
     * when it is swapped in.
     */
    @Override
    public IndexRebuild rebuild() {
        IndexRebuild target = engine.rebuild();
        return new IndexRebuild() {
            @Override
            public void upsert(Collection<CanonicalRecord> records) {
                try {
                    target.upsert(records);
                } catch (IndexWriteException e) {
                    Set<String> refused = e.failures().stream().map(IndexWriteException.Failure::recordId)
                            .collect(Collectors.toSet());
                    remember(records.stream().filter(r -> !refused.contains(r.id())).toList());
                    throw e;
                }
                remember(records);
            }

            @Override
            public void delete(Collection<String> ids) {
                target.delete(ids);
                forget(ids);
            }

            @Override
            public long swap() {
                long swapped = target.swap();
                Map<String, SuggestIndex.Change> swappedIn;
                synchronized (SuggestingSearchIndex.this) {
                    swappedIn = pending;
                    pending = new LinkedHashMap<>();
                }
                publish(swappedIn);
                return swapped;
            }

            @Override
            public void close() {
                target.close();
            }
        };
    }

    private void publish(Map<String, SuggestIndex.Change> committing) {
        if (committing.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (committedDuringLoad != null) {
                committedDuringLoad.addAll(committing.keySet());
            }
            suggestions.apply(committing.values());
        }
        switch (refresh) {
            case ON_COMMIT -> suggestions.refresh();
            case IN_BACKGROUND -> suggestions.refreshInBackground();
        }
    }

    @Override
    public SearchResult search(SearchQuery query) {
        return engine.search(query);
    }

    @Override
    public java.util.List<CanonicalRecord> lookup(org.shangdang.indexer.Lookup lookup) {
        return engine.lookup(lookup);
    }

    @Override
    public java.util.List<org.shangdang.indexer.RecordHoldings> holdings(org.shangdang.indexer.Lookup lookup) {
        return engine.holdings(lookup);
    }

    @Override
    public void scanHeadings(int batchSize, Consumer<List<RecordHeadings>> batches) {
        engine.scanHeadings(batchSize, batches);
    }

    @Override
    public Optional<CanonicalRecord> get(String id) {
        return engine.get(id);
    }

    @Override
    public long count() {
        return engine.count();
    }

    @Override
    public IndexStats stats() {
        return engine.stats();
    }

    @Override
    public void close() throws IOException {
        try {
            suggestions.close();
        } finally {
            engine.close();
        }
    }

    private void remember(Collection<CanonicalRecord> records) {
        List<SuggestIndex.Change> changes = records.stream().map(SuggestIndex.Change::of).toList();
        synchronized (this) {
            for (SuggestIndex.Change change : changes) {
                pending.put(change.id(), change);
            }
        }
    }
}
