package org.shangdang.connectors.oaipmh;

import java.net.URI;
import java.util.Optional;

/**
 * A response body was not a readable OAI-PMH response: not XML, truncated, not well-formed (including a
 * reference to an entity a DTD would have to define: DTDs are never read), or missing what the protocol
 * requires. The message names the source, the request URL and the reason, with the parser's line and
 * column where there is one.
 */
public class MalformedResponseException extends OaiPmhException {

    private static final long serialVersionUID = 1L;

    public MalformedResponseException(String sourceId, URI requestUrl, String reason, Throwable cause) {
        super(sourceId, requestUrl, Optional.empty(), "malformed response: ", reason, cause);
    }

    public MalformedResponseException(String sourceId, URI requestUrl, String reason) {
        this(sourceId, requestUrl, reason, null);
    }
}
