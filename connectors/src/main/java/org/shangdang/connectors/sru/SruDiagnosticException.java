package org.shangdang.connectors.sru;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The server answered a searchRetrieve with a fatal diagnostic instead of results: a CQL syntax error
 * ({@code info:srw/diagnostic/1/10}), an unsupported index (16), an unknown record schema (66), a start
 * position out of range (61)… Retrying the same request would fail the same way.
 */
public class SruDiagnosticException extends SruException {

    private static final long serialVersionUID = 1L;

    private final transient List<SruDiagnostic> diagnostics;

    public SruDiagnosticException(String sourceId, URI requestUrl, List<SruDiagnostic> diagnostics) {
        super(sourceId, requestUrl, "diagnostic " + describe(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
        if (this.diagnostics.isEmpty()) {
            throw new IllegalArgumentException("at least one diagnostic is needed");
        }
    }

    /** The first diagnostic, the one the message leads with. */
    public SruDiagnostic diagnostic() {
        return diagnostics.get(0);
    }

    /** Every diagnostic the response carried, in order. */
    public List<SruDiagnostic> diagnostics() {
        return diagnostics;
    }

    private static String describe(List<SruDiagnostic> diagnostics) {
        Objects.requireNonNull(diagnostics, "diagnostics");
        return diagnostics.size() == 1 ? String.valueOf(diagnostics.get(0)) : diagnostics.toString();
    }
}
