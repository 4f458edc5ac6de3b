package org.shangdang.record;

/**
 * Maps one raw record of one format to the canonical record.
 *
 * <p>Implementations are stateless and thread-safe. They never return a record without a title; a record
 * they cannot map is rejected with a reason that names the record and the bad value.
 */
public interface Crosswalk {

    /** The format this crosswalk reads. */
    RecordFormat format();

    /**
     * @param raw a present (not deleted) record of {@link #format()}
     * @param source the source it came from, for library and county
     * @throws RecordRejectedException when the payload cannot be read or lacks what a record needs
     */
    CanonicalRecord map(RawRecord raw, SourceInfo source) throws RecordRejectedException;
}
