package org.shangdang.routes.harvest;

import java.time.Instant;
import java.util.List;
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
 */
public record HarvestPage(List<RawRecord> records, Optional<String> resumptionToken, Optional<Instant> maxDatestamp,
        Optional<Long> completeListSize, Optional<Long> cursor) {

    public HarvestPage {
        records = List.copyOf(records);
        resumptionToken = resumptionToken == null ? Optional.empty() : resumptionToken;
        maxDatestamp = maxDatestamp == null ? Optional.empty() : maxDatestamp;
        completeListSize = completeListSize == null ? Optional.empty() : completeListSize;
        cursor = cursor == null ? Optional.empty() : cursor;
    }

    /** A page of a source that announces neither the list size nor the cursor. */
    public HarvestPage(List<RawRecord> records, Optional<String> resumptionToken, Optional<Instant> maxDatestamp) {
        this(records, resumptionToken, maxDatestamp, Optional.empty(), Optional.empty());
    }
}
