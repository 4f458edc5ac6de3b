package org.shangdang.connectors.sru;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.record.RecordFormat;

/**
 * One SRU server to search, as configured.
 *
 * @param sourceId the configured source id, e.g. {@code wuxiang-county}; copied into every raw record
 * @param baseUrl the server's base URL (absolute http or https); request parameters are appended to it
 * @param version the protocol version to speak
 * @param recordSchema the {@code recordSchema} asked for, e.g. {@code marcxml}, {@code cnmarcxml} or {@code dc}
 * @param format how to read the records' payloads; {@link #formatOf(String)} gives the usual one for a schema
 */
public record SruSource(String sourceId, URI baseUrl, SruVersion version, String recordSchema, RecordFormat format) {

    public SruSource {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(recordSchema, "recordSchema");
        Objects.requireNonNull(format, "format");
        if (sourceId.isBlank()) {
            throw new IllegalArgumentException("sourceId must not be blank");
        }
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!baseUrl.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("source " + sourceId + ": baseUrl must be an absolute http(s) URL; got: " + baseUrl);
        }
        if (recordSchema.isBlank()) {
            throw new IllegalArgumentException("source " + sourceId + ": recordSchema must not be blank");
        }
        if (format != RecordFormat.MARCXML && format != RecordFormat.OAI_DC) {
            throw new IllegalArgumentException("source " + sourceId + ": SRU records are read as MARCXML or OAI_DC; got: " + format);
        }
    }

    /**
     * A source whose record format follows from its schema.
     *
     * @throws IllegalArgumentException if {@link #formatOf(String)} does not know the schema
     */
    public static SruSource of(String sourceId, URI baseUrl, SruVersion version, String recordSchema) {
        RecordFormat format = formatOf(recordSchema).orElseThrow(() -> new IllegalArgumentException(
                "source " + sourceId + ": no record format known for recordSchema " + recordSchema
                        + "; expected marcxml, marc21, cnmarcxml, unimarcxml, dc or their info:srw URIs"));
        return new SruSource(sourceId, baseUrl, version, recordSchema, format);
    }

    /**
     * The record format a schema name or URI usually carries: MARC schemas (MARC 21, UNIMARC, CNMARC, the
     * {@code info:srw/schema/1/marcxml-v1.1} URI) give MARCXML, Dublin Core ({@code dc}, {@code info:srw/schema/1/dc-v1.1})
     * gives OAI_DC; any other schema (MODS, ISO 20775 holdings) gives empty.
     */
    public static Optional<RecordFormat> formatOf(String recordSchema) {
        String schema = recordSchema.toLowerCase(Locale.ROOT).strip();
        return switch (schema) {
            case "marcxml", "marc21", "marc21xml", "marc", "cnmarcxml", "cnmarc", "unimarcxml", "unimarc",
                    "info:srw/schema/1/marcxml-v1.1", "info:srw/schema/1/marcxml-v1.1-light",
                    "info:srw/schema/8/unimarcxml-v0.1", "http://www.loc.gov/marc21/slim" -> Optional.of(RecordFormat.MARCXML);
            case "dc", "info:srw/schema/1/dc-v1.1", "info:srw/schema/1/dc-schema", "oai_dc" -> Optional.of(RecordFormat.OAI_DC);
            default -> Optional.empty();
        };
    }
}
