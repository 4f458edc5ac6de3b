package org.shangdang.routes.harvest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.record.RawRecord;

/**
 * One page of raw records from any paged source, in the shape the harvest steps need.
 *
 * @param records the page's records, deleted ones included
 * @param resumptionToken what asks for the next page; empty on the last page
 * @param maxDatestamp the latest datestamp on the page; empty when it has no records
 * @param completeListSize the size of the whole list as the source announces it; empty when it does not
 * @param cursor how many records of the list came before this page, as the source announces it; empty when it
 *     does not
 * @param rejects records the connector met on this page but could not turn into usable raw records (an SRU
 *     surrogate diagnostic, an unreadable record in a dropped file); they go to the rejects store, never the index
 */
public record HarvestPage(List<RawRecord> records, Optional<String> resumptionToken, Optional<Instant> maxDatestamp,
        Optional<Long> completeListSize, Optional<Long> cursor, List<Rejected> rejects) {

    public HarvestPage {
        records = List.copyOf(records);
        rejects = rejects == null ? List.of() : List.copyOf(rejects);
        resumptionToken = resumptionToken == null ? Optional.empty() : resumptionToken;
        maxDatestamp = maxDatestamp == null ? Optional.empty() : maxDatestamp;
        completeListSize = completeListSize == null ? Optional.empty() : completeListSize;
        cursor = cursor == null ? Optional.empty() : cursor;
    }

    /** A page without connector rejects. */
    public HarvestPage(List<RawRecord> records, Optional<String> resumptionToken, Optional<Instant> maxDatestamp,
            Optional<Long> completeListSize, Optional<Long> cursor) {
        this(records, resumptionToken, maxDatestamp, completeListSize, cursor, List.of());
    }

    /**
     * A record the connector rejected before it became a usable raw record.
     *
     * @param record what is known of it: source id, a record id that locates it (e.g. {@code file.iso@1234}), its
     *     bytes if the connector has them, else an empty payload
     * @param reason why; names the source or file, the position and the bad value
     */
    public record Rejected(RawRecord record, String reason) {
        public Rejected {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A page of a source that announces neither the list size nor the cursor. */
    public HarvestPage(List<RawRecord> records, Optional<String> resumptionToken, Optional<Instant> maxDatestamp) {
        this(records, resumptionToken, maxDatestamp, Optional.empty(), Optional.empty());
    }
}
