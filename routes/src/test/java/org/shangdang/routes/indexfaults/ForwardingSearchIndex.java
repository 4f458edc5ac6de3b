package org.shangdang.routes.indexfaults;

import java.io.IOException;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.indexer.IndexRebuild;
import org.shangdang.indexer.IndexStats;
import org.shangdang.indexer.RecordHeadings;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.record.CanonicalRecord;

/** A search index that passes every call to a real one; the fault decorators override what they break. */
public abstract class ForwardingSearchIndex implements SearchIndex {

    private final SearchIndex delegate;

    protected ForwardingSearchIndex(SearchIndex delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    protected SearchIndex delegate() {
        return delegate;
    }

    @Override
    public IndexRebuild rebuild() {
        return delegate.rebuild();
    }

    @Override
    public void upsert(Collection<CanonicalRecord> records) {
        delegate.upsert(records);
    }

    @Override
    public void delete(Collection<String> ids) {
        delegate.delete(ids);
    }

    @Override
    public void commit() {
        delegate.commit();
    }

    @Override
    public SearchResult search(SearchQuery query) {
        return delegate.search(query);
    }

    @Override
    public java.util.List<CanonicalRecord> lookup(org.shangdang.indexer.Lookup lookup) {
        return delegate.lookup(lookup);
    }

    @Override
    public Optional<CanonicalRecord> get(String id) {
        return delegate.get(id);
    }

    @Override
    public void scanHeadings(int batchSize, java.util.function.Consumer<java.util.List<RecordHeadings>> batches) {
        delegate.scanHeadings(batchSize, batches);
    }

    @Override
    public long count() {
        return delegate.count();
    }

    @Override
    public IndexStats stats() {
        return delegate.stats();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
