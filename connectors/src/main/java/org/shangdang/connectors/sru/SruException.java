package org.shangdang.connectors.sru;

import java.net.URI;
import java.util.Objects;

/**
 * A search cannot go on: the server answered with a fatal diagnostic ({@link SruDiagnosticException}), an
 * unreadable body ({@link MalformedSruResponseException}), an HTTP client error, or kept failing after every
 * retry. This is a setup failure: it stops the harvest of that source, and its message names the source, the
 * request URL and the reason.
 */
public class SruException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sourceId;
    private final transient URI requestUrl;
    private final String reason;

    public SruException(String sourceId, URI requestUrl, String reason, Throwable cause) {
        super("SRU source " + sourceId + ": " + reason + " [request " + requestUrl + "]", cause);
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.requestUrl = Objects.requireNonNull(requestUrl, "requestUrl");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public SruException(String sourceId, URI requestUrl, String reason) {
        this(sourceId, requestUrl, reason, null);
    }

    /** The configured source the request was made for. */
    public String sourceId() {
        return sourceId;
    }

    /** The request that failed. */
    public URI requestUrl() {
        return requestUrl;
    }

    /** What went wrong, without the source and URL the message adds. */
    public String reason() {
        return reason;
    }
}
