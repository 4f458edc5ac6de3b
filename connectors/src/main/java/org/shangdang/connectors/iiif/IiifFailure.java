package org.shangdang.connectors.iiif;

import java.net.URI;
import java.util.Objects;

/**
 * A document the harvester could not use (unreachable, not JSON, not a manifest or collection, a collection
 * nested too deep): a record-level failure, logged and kept, while the harvest goes on.
 *
 * @param sourceId the source being harvested
 * @param url the document's URL
 * @param reason what was wrong, e.g. {@code HTTP 404} or {@code not valid JSON at line 1, column 2: …}
 */
public record IiifFailure(String sourceId, URI url, String reason) {

    public IiifFailure {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return "IIIF source " + sourceId + ": " + url + ": " + reason;
    }
}
