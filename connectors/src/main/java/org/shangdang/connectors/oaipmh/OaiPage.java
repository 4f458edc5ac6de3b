package org.shangdang.connectors.oaipmh;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.record.RawRecord;

/**
 * One ListRecords (or GetRecord) response: its records in the order the repository sent them, and how to
 * ask for the next page.
 *
 * @param requestUrl the URL that returned this page
 * @param records the page's records; deleted ones have {@code DELETED} status and an empty payload
 * @param resumptionToken the token for the next page; empty on the last page (no token element, or an
 *                        empty or self-closing one)
 * @param maxDatestamp the latest record datestamp on the page; empty when the page has no records
 * @param completeListSize the list size the repository announced on the token, if it did
 * @param cursor the token's cursor attribute, if the repository sent one
 */
public record OaiPage(
        URI requestUrl,
        List<RawRecord> records,
        Optional<String> resumptionToken,
        Optional<Instant> maxDatestamp,
        Optional<Long> completeListSize,
        Optional<Long> cursor) {

    public OaiPage {
        Objects.requireNonNull(requestUrl, "requestUrl");
        records = List.copyOf(records);
        resumptionToken = resumptionToken == null ? Optional.empty() : resumptionToken;
        maxDatestamp = maxDatestamp == null ? Optional.empty() : maxDatestamp;
        completeListSize = completeListSize == null ? Optional.empty() : completeListSize;
        cursor = cursor == null ? Optional.empty() : cursor;
    }

    /** Whether this page ends the list (it carries no resumption token). */
    public boolean isLast() {
        return resumptionToken.isEmpty();
    }
}
