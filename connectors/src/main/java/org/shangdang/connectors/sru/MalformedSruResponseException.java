package org.shangdang.connectors.sru;

import java.net.URI;

/**
 * A response body was not a readable SRU searchRetrieve response: not XML, truncated, not well-formed (an
 * entity a DTD would define included: DTDs are never read), or not a {@code searchRetrieveResponse} in a
 * known SRU namespace. The message names the source, the request URL and the reason with line and column.
 */
public class MalformedSruResponseException extends SruException {

    private static final long serialVersionUID = 1L;

    public MalformedSruResponseException(String sourceId, URI requestUrl, String reason, Throwable cause) {
        super(sourceId, requestUrl, "malformed response: " + reason, cause);
    }
}
