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
 */
public record HarvestPage(List<RawRecord> records, Optional<String> resumptionToken, Optional<Instant> maxDatestamp) {

    public HarvestPage {
        records = List.copyOf(records);
        resumptionToken = resumptionToken == null ? Optional.empty() : resumptionToken;
        maxDatestamp = maxDatestamp == null ? Optional.empty() : maxDatestamp;
    }
}
