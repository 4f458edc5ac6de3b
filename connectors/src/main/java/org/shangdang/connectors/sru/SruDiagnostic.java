package org.shangdang.connectors.sru;

import java.util.Objects;
import java.util.Optional;

/**
 * An SRU diagnostic, as a server sends it for a whole request (fatal) or in place of one record (surrogate).
 *
 * @param uri the diagnostic's URI, e.g. {@code info:srw/diagnostic/1/10} (query syntax error)
 * @param message the server's human-readable message, if any
 * @param details the diagnostic's details (the bad part of the query, the unsupported schema), if any
 */
public record SruDiagnostic(String uri, Optional<String> message, Optional<String> details) {

    /** Prefix of the diagnostics the SRU standard defines; the number after it says what went wrong. */
    public static final String STANDARD_PREFIX = "info:srw/diagnostic/1/";

    public SruDiagnostic {
        Objects.requireNonNull(uri, "uri");
        message = message == null ? Optional.empty() : message.filter(m -> !m.isBlank());
        details = details == null ? Optional.empty() : details.filter(d -> !d.isBlank());
    }

    /** The number of a standard diagnostic ({@code 10} for {@code info:srw/diagnostic/1/10}); empty for others. */
    public Optional<Integer> standardNumber() {
        if (!uri.startsWith(STANDARD_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(uri.substring(STANDARD_PREFIX.length()).strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code uri "message" (details)}, for error messages. */
    @Override
    public String toString() {
        return uri + message.map(m -> " \"" + m + "\"").orElse("") + details.map(d -> " (details: " + d + ")").orElse("");
    }
}
