package org.shangdang.connectors.oaipmh;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.record.RecordFormat;

/**
 * One OAI-PMH repository to harvest, as configured.
 *
 * @param sourceId the configured source id, e.g. {@code changzhi-city}; copied into every raw record
 * @param baseUrl the repository's base URL (absolute http or https); request arguments are appended to it
 * @param metadataPrefix the metadata format asked for, e.g. {@code marcxml}, {@code marc21} (Alma) or {@code oai_dc}
 * @param set the set to restrict the harvest to; empty for the whole repository
 * @param format how to read the records' payloads; {@link #formatOf(String)} gives the usual one for a prefix
 */
public record OaiPmhSource(String sourceId, URI baseUrl, String metadataPrefix, Optional<String> set, RecordFormat format) {

    public OaiPmhSource {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(metadataPrefix, "metadataPrefix");
        Objects.requireNonNull(format, "format");
        set = set == null ? Optional.empty() : set;
        if (sourceId.isBlank()) {
            throw new IllegalArgumentException("sourceId must not be blank");
        }
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!baseUrl.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("source " + sourceId + ": baseUrl must be an absolute http(s) URL; got: " + baseUrl);
        }
        if (metadataPrefix.isBlank()) {
            throw new IllegalArgumentException("source " + sourceId + ": metadataPrefix must not be blank");
        }
        if (set.isPresent() && set.get().isBlank()) {
            throw new IllegalArgumentException("source " + sourceId + ": set must not be blank; use Optional.empty() for no set");
        }
    }

    /**
     * A source whose record format follows from its metadata prefix.
     *
     * @throws IllegalArgumentException if the prefix is not one {@link #formatOf(String)} knows
     */
    public static OaiPmhSource of(String sourceId, URI baseUrl, String metadataPrefix, Optional<String> set) {
        RecordFormat format = formatOf(metadataPrefix).orElseThrow(() -> new IllegalArgumentException(
                "source " + sourceId + ": no record format known for metadataPrefix " + metadataPrefix
                        + "; expected marcxml, marc21 or oai_dc"));
        return new OaiPmhSource(sourceId, baseUrl, metadataPrefix, set, format);
    }

    /**
     * The record format a metadata prefix usually carries: {@code marcxml}/{@code marc21}/{@code MARC21}
     * (Alma's name) give MARCXML, {@code oai_dc} gives OAI_DC; any other prefix gives empty.
     */
    public static Optional<RecordFormat> formatOf(String metadataPrefix) {
        return switch (metadataPrefix.toLowerCase(Locale.ROOT)) {
            case "marcxml", "marc21", "marc21xml", "marc" -> Optional.of(RecordFormat.MARCXML);
            case "oai_dc" -> Optional.of(RecordFormat.OAI_DC);
            default -> Optional.empty();
        };
    }
}
