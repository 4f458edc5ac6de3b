package org.shangdang.api.oai;

import java.util.Objects;

/**
 * An OAI-PMH error condition, answered as {@code <error code="…">message</error>} with HTTP 200.
 *
 * <p>noMetadataFormats and noSetHierarchy never apply here: every item is disseminated in both formats, and the
 * repository has sets.
 */
final class OaiError extends RuntimeException {

    enum Code {
        badArgument, badResumptionToken, badVerb, cannotDisseminateFormat, idDoesNotExist, noRecordsMatch
    }

    private final Code code;

    OaiError(Code code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    Code code() {
        return code;
    }

    /** Whether the request element must be echoed without attributes (the request itself was not valid). */
    boolean requestIsInvalid() {
        return code == Code.badVerb || code == Code.badArgument;
    }
}
