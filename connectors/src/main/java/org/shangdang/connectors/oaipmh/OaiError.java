package org.shangdang.connectors.oaipmh;

import java.util.Objects;

/**
 * One {@code <error code="…">message</error>} of an OAI-PMH response.
 *
 * @param code the error code, e.g. {@code badArgument}, {@code noRecordsMatch}
 * @param message the repository's explanation; empty when it gave none
 */
public record OaiError(String code, String message) {

    public static final String NO_RECORDS_MATCH = "noRecordsMatch";
    public static final String BAD_RESUMPTION_TOKEN = "badResumptionToken";

    public OaiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message.isEmpty() ? code : code + " (" + message + ")";
    }
}
