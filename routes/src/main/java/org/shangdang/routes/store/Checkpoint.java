package org.shangdang.routes.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the next harvest of a source starts. Saved only after the index has committed the pages it
 * covers, so that resuming from it never skips a record that is not searchable.
 *
 * @param sourceId the configured source
 * @param resumptionToken the token of the first page not yet committed; present only while a list is
 *     unfinished (a run failed or is running)
 * @param windowFrom the from-date of the unfinished list, to restart the same window if the source
 *     rejects the token; empty for a full list
 * @param highWater the latest record datestamp the last completed harvest saw: the from-date of the next
 *     incremental harvest; empty before the first completed harvest
 */
public record Checkpoint(String sourceId, Optional<String> resumptionToken, Optional<Instant> windowFrom,
        Optional<Instant> highWater) {

    public Checkpoint {
        Objects.requireNonNull(sourceId, "sourceId");
        resumptionToken = resumptionToken == null ? Optional.empty() : resumptionToken.filter(t -> !t.isBlank());
        windowFrom = windowFrom == null ? Optional.empty() : windowFrom;
        highWater = highWater == null ? Optional.empty() : highWater;
    }
}
