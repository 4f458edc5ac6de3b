package org.shangdang.connectors.oaipmh;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A harvest cannot go on: the repository answered with an OAI error the harvester cannot work around
 * (badArgument, cannotDisseminateFormat, …), an HTTP client error, or kept failing after every retry.
 * This is a setup failure: it stops the harvest of that source, and its message names the source, the
 * request URL and the error code or reason.
 */
public class OaiPmhException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sourceId;
    private final transient URI requestUrl;
    private final String oaiErrorCode;
    private final String reason;

    public OaiPmhException(String sourceId, URI requestUrl, Optional<String> oaiErrorCode, String reason, Throwable cause) {
        this(sourceId, requestUrl, oaiErrorCode, "", reason, cause);
    }

    public OaiPmhException(String sourceId, URI requestUrl, String reason) {
        this(sourceId, requestUrl, Optional.empty(), reason, null);
    }

    /** For subclasses: {@code label} goes before the reason in the message, e.g. {@code "malformed response: "}. */
    protected OaiPmhException(String sourceId, URI requestUrl, Optional<String> oaiErrorCode, String label, String reason,
            Throwable cause) {
        super(describe(sourceId, requestUrl, oaiErrorCode, label + reason), cause);
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.requestUrl = Objects.requireNonNull(requestUrl, "requestUrl");
        this.oaiErrorCode = oaiErrorCode.orElse(null);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The configured source the request was made for. */
    public String sourceId() {
        return sourceId;
    }

    /** The request that failed. */
    public URI requestUrl() {
        return requestUrl;
    }

    /** The OAI error code the repository answered with; empty for HTTP, network or parse failures. */
    public Optional<String> oaiErrorCode() {
        return Optional.ofNullable(oaiErrorCode);
    }

    /** What went wrong, without the source and URL the message adds: the OAI error message, the HTTP status, the parse error. */
    public String reason() {
        return reason;
    }

    private static String describe(String sourceId, URI requestUrl, Optional<String> code, String reason) {
        return "OAI-PMH source " + sourceId + ": "
                + code.map(c -> "OAI error " + c + ": ").orElse("")
                + reason + " [request " + requestUrl + "]";
    }
}
