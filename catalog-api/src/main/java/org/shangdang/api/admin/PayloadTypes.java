package org.shangdang.api.admin;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.shangdang.record.RecordFormat;
import org.shangdang.routes.config.Protocol;
import org.shangdang.routes.config.SourceProperties;
import org.springframework.http.MediaType;

/** The media type a raw payload is served with, from its record format. */
final class PayloadTypes {

    private static final MediaType XML = new MediaType("application", "xml", StandardCharsets.UTF_8);
    private static final MediaType JSON = MediaType.APPLICATION_JSON;

    private PayloadTypes() {}

    static MediaType of(RecordFormat format) {
        return switch (format) {
            case MARCXML, OAI_DC -> XML;
            case IIIF_MANIFEST, EXTRACTED_DOCUMENT, NATIONAL_CLOUD_JSON, SHANXI_CLOUD_JSON, OPERA_DB -> JSON;
        };
    }

    /** The format a source serves, when no raw record says. */
    static Optional<MediaType> of(SourceProperties source) {
        if (source.protocol() == Protocol.SRU) {
            // A record the SRU server sent without an identifier: its XML as received.
            return Optional.of(XML);
        }
        return source.protocol() == Protocol.OAIPMH && source.oaipmh() != null && source.oaipmh().format() != null
                ? Optional.of(of(source.oaipmh().format()))
                : Optional.empty();
    }

    static String extension(MediaType type) {
        return XML.isCompatibleWith(type) ? ".xml" : JSON.isCompatibleWith(type) ? ".json" : ".bin";
    }
}
