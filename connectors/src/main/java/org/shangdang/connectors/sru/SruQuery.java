package org.shangdang.connectors.sru;

import java.util.Objects;

/**
 * What to ask an SRU server for: a CQL query, sent exactly as given (URL-encoded), and where to start.
 *
 * @param cql the CQL query, e.g. {@code dc.title = "上党"} or {@code cql.allRecords = 1}
 * @param startRecord the 1-based position of the first record wanted; a checkpoint resumes from a saved
 *                    {@link SruPage#nextRecordPosition()}
 * @param maximumRecords records per page asked for (the server may send fewer); 1 to 1000
 */
public record SruQuery(String cql, int startRecord, int maximumRecords) {

    /** Records per page when none is given. */
    public static final int DEFAULT_MAXIMUM_RECORDS = 50;

    public SruQuery {
        Objects.requireNonNull(cql, "cql");
        if (cql.isBlank()) {
            throw new IllegalArgumentException("cql must not be blank; use cql.allRecords = 1 for everything");
        }
        if (startRecord < 1) {
            throw new IllegalArgumentException("startRecord must be >= 1; got: " + startRecord);
        }
        if (maximumRecords < 1 || maximumRecords > 1000) {
            throw new IllegalArgumentException("maximumRecords must be between 1 and 1000; got: " + maximumRecords);
        }
    }

    /** The query from its first record, {@value #DEFAULT_MAXIMUM_RECORDS} records per page. */
    public static SruQuery of(String cql) {
        return new SruQuery(cql, 1, DEFAULT_MAXIMUM_RECORDS);
    }

    /** The same query starting at another position. */
    public SruQuery startingAt(int position) {
        return new SruQuery(cql, position, maximumRecords);
    }
}
