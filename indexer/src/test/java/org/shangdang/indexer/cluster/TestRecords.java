package org.shangdang.indexer.cluster;

import java.time.Instant;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RecordFormat;

/** Builders for the records of the clustering unit tests. */
final class TestRecords {

    private TestRecords() {
    }

    /** A book of the city library, id {@code source:local}; the caller adds title and the rest. */
    static CanonicalRecord.Builder book(String id) {
        int colon = id.indexOf(':');
        return CanonicalRecord.builder(id.substring(0, colon), id.substring(colon + 1)).format(RecordFormat.MARCXML)
                .library("长治市图书馆").datestamp(Instant.parse("2026-01-01T00:00:00Z"));
    }
}
