package org.shangdang.indexer;

import java.io.Closeable;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.shangdang.record.CanonicalRecord;

/**
 * The one search contract that every engine (embedded Lucene, Elasticsearch) implements.
 *
 * <p>Writes are upserts by {@link CanonicalRecord#id()}: writing the same record twice leaves one
 * document. Writes become durable and visible to {@link #search} only after {@link #commit()} returns,
 * so callers checkpoint a harvest after {@code commit()}, never before. Implementations are thread-safe.
 */
public interface SearchIndex extends Closeable {

    /** Adds or replaces these records. */
    void upsert(Collection<CanonicalRecord> records);

    /** Removes the records with these canonical ids; unknown ids are ignored. */
    void delete(Collection<String> ids);

    /** Makes every write so far durable and searchable. */
    void commit();

    /**
     * @throws InvalidQueryException when the query text or a filter cannot be searched (the API answers 400)
     */
    SearchResult search(SearchQuery query);

    /**
     * The records holding one of the lookup's keys, by id, at most {@link Lookup#limit()}: an exact match on a
     * keyword field of the index (barcodes, call-number prefixes within a library, ISBNs, work ids), as cheap
     * as {@link #get}. Sees what {@link #search} sees.
     *
     * @return the records, sorted by id; empty when none holds the key
     */
    java.util.List<CanonicalRecord> lookup(Lookup lookup);

    /**
     * The copies of the records {@link #lookup} would return, in the same order, without their descriptions:
     * what counting and listing a page of works' copies needs. An engine reads them from a compact stored form
     * where it has one; this default rebuilds whole records.
     *
     * @return one entry per record, sorted by record id; empty when none holds the key
     */
    default java.util.List<RecordHoldings> holdings(Lookup lookup) {
        return lookup(lookup).stream().map(RecordHoldings::of).toList();
    }

    /** The stored record with this canonical id, if indexed. */
    Optional<CanonicalRecord> get(String id);

    /**
     * Reads the {@link RecordHeadings} of every searchable record, whatever the size of the index (unlike
     * {@link #search}, which pages only to {@link SearchLimits#MAX_WINDOW}): each record once, from one
     * point-in-time view taken when the scan starts, in no particular order, in batches of at most
     * {@code batchSize} handed to {@code batches} on the calling thread. Writes committed meanwhile are not
     * seen. Cost is linear in the index size and bounded in memory by one batch.
     *
     * @throws IllegalArgumentException when batchSize is not positive
     */
    void scanHeadings(int batchSize, Consumer<List<RecordHeadings>> batches);

    /** The number of searchable records. */
    long count();

    /**
     * Counts of every facet value and the summed media bytes over every searchable record: what
     * {@code /api/stats} reports. Costs one facet pass over the index, no stored fields are read.
     */
    IndexStats stats();

    /**
     * Starts building a new generation of the index beside the live one, for a zero-downtime re-index:
     * the caller loads every record into the returned {@link IndexRebuild} and then
     * {@linkplain IndexRebuild#swap() swaps} it in atomically; until then searches answer from the live
     * generation, and they keep answering during the swap. Writes made through this index while the
     * rebuild is open go to both generations, so a harvest running meanwhile is not lost.
     *
     * <p>At most one rebuild is open at a time.
     *
     * @throws IllegalStateException when another rebuild of this index is open
     */
    IndexRebuild rebuild();
}
