package org.shangdang.connectors.sru;

import java.util.Arrays;
import java.util.Optional;

/**
 * The SRU protocol versions the client speaks. They differ in the response namespace, the diagnostic
 * namespace and the name of the parameter that asks for records as XML rather than escaped strings.
 */
public enum SruVersion {
    /** SRU 1.2 (Library of Congress, 2007): {@code recordPacking=xml}. */
    V1_2("1.2", "http://www.loc.gov/zing/srw/", "http://www.loc.gov/zing/srw/diagnostic/", "recordPacking"),
    /** SRU 2.0 (OASIS searchRetrieve 1.0, 2013): {@code recordXMLEscaping=xml}. */
    V2_0("2.0", "http://docs.oasis-open.org/ns/search-ws/sruResponse", "http://docs.oasis-open.org/ns/search-ws/diagnostic",
            "recordXMLEscaping");

    private final String label;
    private final String responseNamespace;
    private final String diagnosticNamespace;
    private final String escapingParameter;

    SruVersion(String label, String responseNamespace, String diagnosticNamespace, String escapingParameter) {
        this.label = label;
        this.responseNamespace = responseNamespace;
        this.diagnosticNamespace = diagnosticNamespace;
        this.escapingParameter = escapingParameter;
    }

    /** The value of the {@code version} request parameter, e.g. {@code 1.2}. */
    public String label() {
        return label;
    }

    /** The namespace of {@code <searchRetrieveResponse>} and its children. */
    public String responseNamespace() {
        return responseNamespace;
    }

    /** The namespace of {@code <diagnostic>}. */
    public String diagnosticNamespace() {
        return diagnosticNamespace;
    }

    /** The request parameter that asks for records as XML: {@code recordPacking} (1.2) or {@code recordXMLEscaping} (2.0). */
    public String escapingParameter() {
        return escapingParameter;
    }

    /** The version whose response namespace this is; SRU 1.1 servers share the 1.2 namespace. */
    public static Optional<SruVersion> ofResponseNamespace(String namespace) {
        return Arrays.stream(values()).filter(v -> v.responseNamespace.equals(namespace)).findFirst();
    }

    /** Whether a namespace is one of the diagnostic namespaces. */
    static boolean isDiagnosticNamespace(String namespace) {
        return Arrays.stream(values()).anyMatch(v -> v.diagnosticNamespace.equals(namespace));
    }
}
