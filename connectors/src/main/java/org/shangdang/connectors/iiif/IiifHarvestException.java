package org.shangdang.connectors.iiif;

import java.net.URI;

/**
 * A setup failure: a configured collection could not be had (unreachable after retries, not JSON, not a
 * collection), so the harvest of that source cannot list its manifests. The message names the source, URL
 * and reason.
 */
public class IiifHarvestException extends RuntimeException {

    public IiifHarvestException(String sourceId, URI url, String reason, Throwable cause) {
        super("IIIF source " + sourceId + ": " + url + ": " + reason, cause);
    }
}
