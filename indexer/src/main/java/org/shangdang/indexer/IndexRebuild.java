package org.shangdang.indexer;

import java.util.Collection;
import org.shangdang.record.CanonicalRecord;

/**
 * A new generation of a {@link SearchIndex} being built beside the live one ({@link SearchIndex#rebuild()}).
 * Records written here are not searchable until {@link #swap()}; then they replace the live generation's
 * records in one atomic step, and the old generation is deleted.
 *
 * <p>Thread-safe: several threads may {@link #upsert} at once. {@link #close()} without a successful
 * {@code swap()} abandons the new generation (deletes it) and leaves the live one as it was; after a
 * swap it does nothing. Idempotent.
 */
public interface IndexRebuild extends AutoCloseable {

    /**
     * Adds or replaces these records in the new generation, as {@link SearchIndex#upsert} does.
     *
     * @throws IndexWriteException after the other records are written, naming each refused record
     * @throws IllegalStateException after {@link #swap()} or {@link #close()}
     */
    void upsert(Collection<CanonicalRecord> records);

    /** Removes these canonical ids from the new generation (a record deleted meanwhile by a harvest). */
    void delete(Collection<String> ids);

    /**
     * Makes the new generation durable and the live one, atomically: a search sees either the old
     * generation or the new one, never neither. Deletes the old generation afterwards.
     *
     * @return the number of records in the new generation
     * @throws IllegalStateException when already swapped or closed
     */
    long swap();

    /** Abandons the new generation unless it was swapped in. Idempotent. */
    @Override
    void close();
}
