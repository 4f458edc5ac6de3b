package org.shangdang.routes.indexfaults;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.shangdang.indexer.IndexWriteException;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;

/**
 * A real index that refuses one record the way Elasticsearch reports a per-item bulk failure: it writes
 * every other record of the batch, then throws {@link IndexWriteException} naming the refused one.
 * Thread-safe.
 */
final class RefusingOneRecordIndex extends ForwardingSearchIndex {

    /** The reason given for the refusal, shaped like an Elasticsearch bulk item error. */
    static final String REASON = "mapper_parsing_exception: failed to parse field [year] of type [short]";

    private final AtomicReference<Optional<String>> refused = new AtomicReference<>(Optional.empty());

    RefusingOneRecordIndex(SearchIndex delegate) {
        super(delegate);
    }

    /** From now on, refuses the record with this canonical id whenever it is written. */
    void refuse(String canonicalId) {
        refused.set(Optional.of(canonicalId));
    }

    @Override
    public void upsert(Collection<CanonicalRecord> records) {
        Optional<String> id = refused.get().filter(r -> records.stream().anyMatch(c -> c.id().equals(r)));
        if (id.isEmpty()) {
            super.upsert(records);
            return;
        }
        super.upsert(records.stream().filter(c -> !c.id().equals(id.get())).toList());
        throw new IndexWriteException("test-records", List.of(new IndexWriteException.Failure(id.get(), REASON)));
    }
}
