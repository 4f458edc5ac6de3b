package org.shangdang.connectors.cloud;

import java.net.URI;
import java.util.Objects;

/**
 * A harvest cannot go on: the token endpoint refused the credentials, the API refused a fresh token, answered
 * with a client error or an error envelope, or kept failing after every retry. A setup failure: it stops the
 * harvest of that source; its message names the source, the request (without credentials) and the reason.
 */
public class CloudException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sourceId;
    private final transient URI requestUrl;
    private final String reason;

    public CloudException(String sourceId, URI requestUrl, String reason, Throwable cause) {
        super("cloud source " + sourceId + ": " + reason + " [request " + requestUrl + "]", cause);
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.requestUrl = Objects.requireNonNull(requestUrl, "requestUrl");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public CloudException(String sourceId, URI requestUrl, String reason) {
        this(sourceId, requestUrl, reason, null);
    }

    public String sourceId() {
        return sourceId;
    }

    public URI requestUrl() {
        return requestUrl;
    }

    /** What went wrong, without the source and URL the message adds. */
    public String reason() {
        return reason;
    }
}
